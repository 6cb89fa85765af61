//! The fuzz targets on stable, bounded: every seed of `fuzz/seeds/<target>/` and a fixed
//! number of deterministic mutations of each (bytes flipped, inserted, deleted, runs
//! repeated, the input cut short) go through the same bodies `cargo fuzz` runs
//! (`fuzz/targets.rs`). It is a smoke run that CI can afford, not the fuzzing itself: it counts
//! executions, not seconds, so it does the same work on every machine.

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::Path;

/// Mutations per seed.
const MUTATIONS: usize = 60;

/// A small deterministic generator (xorshift64*), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes a YAML, RST or tree mutation is likely to need.
const INTERESTING: &[u8] = b"\n\0 -:[]{}|>\"'\\&*!#%$`_.=";

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let at = at.min(data.len() - 1);
                data[at] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 if at < data.len() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 if at < data.len() => {
                let end = (at + 1 + rng.below(32)).min(data.len());
                let run = data[at..end].to_vec();
                for _ in 0..1 + rng.below(8) {
                    data.splice(at..at, run.iter().copied());
                }
            }
            4 => data.truncate(at),
            _ => {
                let at = at.min(data.len());
                data.insert(at, rng.next() as u8);
            }
        }
    }
    data
}

fn smoke(target: &str, body: fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", folder.display());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut runs = 0;
    for path in &seeds {
        let seed = std::fs::read(path).unwrap();
        body(&seed);
        runs += 1;
        for _ in 0..MUTATIONS {
            body(&mutate(&seed, &mut rng));
            runs += 1;
        }
    }
    println!(
        "fuzz smoke {target}: {runs} executions from {} seeds",
        seeds.len()
    );
}

#[test]
fn yaml() {
    smoke("yaml", targets::yaml);
}

#[test]
fn load() {
    smoke("load", targets::load);
}

#[test]
fn check() {
    smoke("check", targets::check);
}

#[test]
fn rst() {
    smoke("rst", targets::rst);
}

#[test]
fn markdown() {
    smoke("markdown", targets::markdown);
}

#[test]
fn codegen() {
    smoke("codegen", targets::codegen);
}

#[test]
fn gotemplate() {
    smoke("gotemplate", targets::gotemplate);
}

#[test]
fn the_rst_target_judges_tags_not_text() {
    // Text may say it (fuzzing found a page whose raw HTML text read `href="javascript:`).
    assert_eq!(targets::scripted_tag("<p>href=\"javascript: 1</p>"), None);
    assert_eq!(targets::scripted_tag("<pre>&lt;script&gt;</pre>"), None);
    // And comments (fuzzing again: an RST comment that says it).
    assert_eq!(
        targets::scripted_tag("<!-- href='javascript:x' --><p>after</p>"),
        None
    );
    assert!(targets::scripted_tag("<!-- a --><script>x</script>").is_some());
    // And other attributes' values, or a link's own text (fuzzing a third time).
    assert_eq!(
        targets::scripted_tag("<pre class=\"code jsohref=javascript:n\"></pre>"),
        None
    );
    assert_eq!(
        targets::scripted_tag("<a class=\"x\" href=\"https://m.ohref='javascript:rg\">x</a>"),
        None
    );
    assert!(targets::scripted_tag("<a href=\" java\tscript:x\">").is_some());
    // A control character inside the scheme makes it no scheme at all, as browsers read URLs
    // (fuzzing the markdown target: `jav\u{7}ascript:` printed as if it were `javascript:`);
    // one before it is trimmed, so that is a script link.
    assert_eq!(
        targets::scripted_tag("<a href=\"jav\u{7}ascript:x\">"),
        None
    );
    assert!(targets::scripted_tag("<a href=\"\u{1}javascript:x\">").is_some());
    assert!(targets::scripted_tag("<a href=\"java\nscript:x\">").is_some());
    assert!(targets::scripted_tag("<img src=x onerror=alert(1)>").is_some());
    for bad in [
        "<a href=\"javascript:alert(1)\">x</a>",
        "<A HREF = \"JavaScript:x\">",
        "<img src=\"javascript:x\">",
        "<script>x</script>",
    ] {
        assert!(
            targets::scripted_tag(&bad.to_ascii_lowercase()).is_some(),
            "{bad}"
        );
    }
}

#[test]
fn serve() {
    smoke("serve", targets::serve);
}

#[test]
fn escape() {
    smoke("escape", targets::escape);
}
