//! Peak heap memory of parse plus checks, as a multiple of the input
//! size. Run: `cargo bench --bench memory`. A counting allocator (around mimalloc, the
//! `grc` binary's allocator) records the largest number of bytes live at once while
//! one ~10 MB synthetic regeling is parsed and checked; the input text itself is
//! counted too, as `grc check` holds it while it works.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let templates: Vec<grc::tree::Regeling> = ["regelingen/sora-2022.gr", "regelingen/wnk-2015.gr"]
        .iter()
        .map(|f| grc::source::parse(f, &std::fs::read_to_string(f).unwrap()).0)
        .collect();
    let refs: Vec<&grc::tree::Regeling> = templates.iter().collect();
    type Stage = fn(&str) -> Box<dyn std::any::Any>;
    let stages: [(&str, Stage); 3] = [
        ("structure + numbering", |t| {
            let (tree, diags) = grc::source::parse_structure("groot.gr", t);
            let findings = grc::check::numbering::check(&tree);
            Box::new((tree, diags, findings))
        }),
        ("parse + numbering", |t| {
            let (tree, diags) = grc::source::parse("groot.gr", t);
            let findings = grc::check::numbering::check(&tree);
            Box::new((tree, diags, findings))
        }),
        ("parse + every check", |t| {
            let (tree, diags) = grc::source::parse("groot.gr", t);
            let findings = grc::check::check(&tree);
            Box::new((tree, diags, findings))
        }),
    ];
    for megabytes in [5usize, 10, 20] {
        let text = grc::synth::regeling(&refs, megabytes << 20, 7);
        for (name, stage) in &stages {
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let kept = stage(&text);
            let peak = PEAK.load(Ordering::Relaxed) - before + text.len();
            drop(kept);
            println!(
                "{:>5.1} MB input, {name:<22}: peak heap {:>6.1} MB = {:.2} x input",
                text.len() as f64 / 1e6,
                peak as f64 / 1e6,
                peak as f64 / text.len() as f64
            );
        }
    }
}
