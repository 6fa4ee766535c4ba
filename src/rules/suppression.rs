//! U — suppressions (忽略注释). U001 has no check of its own over the document: the findings
//! about `# jxlint:` comments are made by `crate::suppress` after every other rule has run,
//! since whether a comment suppresses anything is only known then.

use super::{Check, Rule, RuleDoc, Severity};

pub(super) fn rules() -> Vec<Rule> {
    vec![Rule {
        code: "U001",
        name: "suppression-unused",
        title: "无效的忽略注释",
        severity: Severity::Info,
        doc: RuleDoc {
            what: "YAML 目标文档中的 `# jxlint: ignore[…]` 或 `# jxlint: ignore-file[…]` 注释没有\
                   忽略任何问题：所在行（或注释下面一行）没有它列出的规则的问题，列出的不是规则\
                   代码、代码前缀或规则名称，写法无法识别，或 ignore-file 没有写在文件开头。\
                   只报告对本文件启用的、逐文件检查的规则：--select/--ignore 或 per-path-ignores \
                   关掉的规则，以及跨文件比较的 R003，不会因为没有问题而被报告。",
            why: "问题改正以后留下的忽略注释，会把以后同一行出现的新问题一起藏起来；写错代码或\
                  写错位置的注释，让人以为问题已经说明过了。",
            bad: "项目名称: 城乡困难群众临时救助\n绩效指标:\n  # jxlint: ignore[S009] 市财政局模板沿用旧名称\n  - {一级指标: 效益指标, 二级指标: 社会效益指标, 三级指标: 救助对象基本生活保障情况, 指标值: 有效保障}",
            good: "项目名称: 城乡困难群众临时救助\n绩效指标:\n  # jxlint: ignore[S009] 市财政局模板沿用旧名称\n  - {一级指标: 效果指标, 二级指标: 社会效益指标, 三级指标: 救助对象基本生活保障情况, 指标值: 有效保障}",
        },
        data: &[],
        yields_to: &[],
        check: Check::Comments,
    }]
}
