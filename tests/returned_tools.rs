mod common;
use newsloc::xliff::{Document, Version};
use newsloc::Exporter;

#[test]
fn scratch() {
    let article = common::story("port-reopens.txt");
    for v in [Version::V1_2, Version::V2_0] {
        let mut e = Exporter::new();
        e.version(v);
        let mut doc = e.export(&article, &"ko".parse().unwrap()).unwrap();
        common::fill_targets(&mut doc, common::shout);
        let xml = common::xml(&doc, v);
        std::fs::write(format!("/tmp/scratch/{}.xlf", v.as_str()), &xml).unwrap();
    }
}
