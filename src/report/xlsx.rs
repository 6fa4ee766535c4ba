//! The Excel report (`jxlint report … -o FILE.xlsx`), with rust_xlsxwriter: sheets 汇总 (one
//! row per file and project, verdicts coloured), 问题 (one row per finding, with the row it
//! flags quoted; severities coloured), 规则 (findings per rule) and, when some file was not
//! checked, 未检查的文件 (each file that could not be read, is not supported or was skipped,
//! with the reason). Every sheet has a frozen
//! header and an auto-filter, column widths counted in display width (a Chinese character is
//! two), and prints on A4 landscape. The document properties name jxlint ([`MARKER`] in the
//! comment), so a folder walk passes over the workbook.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::place::{self, Cell};
use crate::diagnostic::{Report, Severity, Skip, Verdict};
use crate::model::Project;

/// The comment (`dc:description` in `docProps/core.xml`) of every workbook jxlint writes.
pub const MARKER: &str = "jxlint 检查报告";

/// The widest a column grows (in Excel's character units); longer text wraps.
const MAX_WIDTH: usize = 60;
/// The message column, which holds sentences.
const MESSAGE_WIDTH: usize = 80;

fn colors(s: Severity) -> (u32, u32) {
    match s {
        Severity::Error => (0xB3261E, 0xFDE7E4),
        Severity::Warning => (0x8A5A00, 0xFFF1C9),
        Severity::Info => (0x0B57A0, 0xE3EEFC),
    }
}

fn verdict_colors(v: Verdict) -> (u32, u32) {
    match v {
        Verdict::SendBack => colors(Severity::Error),
        Verdict::Revise => colors(Severity::Warning),
        Verdict::Pass => (0x1E6B34, 0xE3F4E6),
    }
}

fn filled((font, fill): (u32, u32)) -> Format {
    Format::new()
        .set_font_color(Color::RGB(font))
        .set_background_color(Color::RGB(fill))
        .set_bold()
        .set_align(FormatAlign::Top)
}

/// A sheet being written: its header, and the widest text of each column so far.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
    caps: Vec<usize>,
    row: u32,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str, header: &[&str]) -> Result<Sheet<'a>, XlsxError> {
        ws.set_name(name)?;
        let bold = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xEEF0F2))
            .set_border_bottom(FormatBorder::Thin);
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        Ok(Sheet {
            ws,
            // Room for the auto-filter's button beside the header.
            widths: header.iter().map(|h| h.width() + 3).collect(),
            caps: vec![MAX_WIDTH; header.len()],
            row: 0,
        })
    }

    fn next_row(&mut self) -> u32 {
        self.row += 1;
        self.row
    }

    fn text(&mut self, col: usize, s: &str, format: &Format) -> Result<(), XlsxError> {
        let widest = s.lines().map(|l| l.width()).max().unwrap_or(0);
        self.widths[col] = self.widths[col].max(widest);
        self.ws
            .write_string_with_format(self.row, col as u16, s, format)?;
        Ok(())
    }

    fn number(&mut self, col: usize, n: f64, format: &Format) -> Result<(), XlsxError> {
        self.widths[col] = self.widths[col].max(n.to_string().len());
        self.ws
            .write_number_with_format(self.row, col as u16, n, format)?;
        Ok(())
    }

    /// Column widths, frozen header, auto-filter, A4 landscape with the header repeated.
    fn finish(self) -> Result<(), XlsxError> {
        for (c, (w, cap)) in self.widths.iter().zip(&self.caps).enumerate() {
            self.ws
                .set_column_width(c as u16, ((*w).min(*cap) + 2) as f64)?;
        }
        let last = self.widths.len().saturating_sub(1) as u16;
        self.ws.set_freeze_panes(1, 0)?;
        self.ws.autofilter(0, 0, self.row, last)?;
        self.ws.set_landscape().set_paper_size(9);
        self.ws.set_repeat_rows(0, 0)?;
        self.ws.set_print_fit_to_pages(1, 0);
        Ok(())
    }
}

/// The workbook's bytes.
pub fn workbook(report: &Report) -> Result<Vec<u8>, String> {
    build(report).map_err(|e| format!("无法生成 Excel 工作簿：{e}"))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let mut props = DocProperties::new()
        .set_title("绩效目标表检查报告")
        .set_author("jxlint")
        .set_comment(MARKER);
    // Reproducible bytes where the build asks for them.
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| ExcelDateTime::from_timestamp(t).ok())
    {
        props = props.set_creation_datetime(&t);
    }
    wb.set_properties(&props);
    summary_sheet(wb.add_worksheet(), report)?;
    findings_sheet(wb.add_worksheet(), report)?;
    rules_sheet(wb.add_worksheet(), report)?;
    if report.files.iter().any(|f| super::unchecked(f).is_some()) {
        unchecked_sheet(wb.add_worksheet(), report)?;
    }
    wb.save_to_buffer()
}

fn summary_sheet(ws: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        "汇总",
        &[
            "文件",
            "主管部门",
            "项目",
            "预算数",
            "结论",
            "错误",
            "警告",
            "提示",
            "最严重的问题",
        ],
    )?;
    s.caps[8] = MESSAGE_WIDTH;
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = top.clone().set_text_wrap();
    let unread = filled(colors(Severity::Error));
    for (fi, f) in report.files.iter().enumerate() {
        if let Some(e) = f
            .error
            .as_ref()
            .filter(|_| !matches!(f.skip, Some(Skip::Unsupported(_))))
        {
            s.next_row();
            s.text(0, &f.path, &top)?;
            s.text(2, "（未能检查）", &top)?;
            s.text(4, "无法读取", &unread)?;
            s.text(8, &e.message, &wrap)?;
            continue;
        }
        // Every file of the run has its row: one not read (暂不支持) or passed over (not a
        // target table) says so here too, not only on 未检查的文件.
        let passed_over = match &f.skip {
            Some(Skip::Unsupported(why)) => Some(("暂不支持", why)),
            Some(Skip::NotTarget(why)) => Some(("跳过", why)),
            None => None,
        };
        if let Some((what, why)) = passed_over {
            s.next_row();
            s.text(0, &f.path, &top)?;
            s.text(2, "（未能检查）", &top)?;
            s.text(4, what, &filled(colors(Severity::Info)))?;
            let why = if what == "跳过" {
                format!("不是绩效目标表：{why}")
            } else {
                why.clone()
            };
            s.text(8, &why, &wrap)?;
            continue;
        }
        for p in report.projects.iter().filter(|p| p.file == fi) {
            s.next_row();
            s.text(0, &p.path, &top)?;
            s.text(1, &p.department, &top)?;
            let name = format!("{}：{}", p.project_index, p.project);
            s.text(2, &name, &wrap)?;
            match p.budget.replace(',', "").parse::<f64>() {
                Ok(n) if n.is_finite() => s.number(3, n, &top)?,
                _ => s.text(3, &p.budget, &top)?,
            }
            s.text(4, p.verdict.zh(), &filled(verdict_colors(p.verdict)))?;
            s.number(5, p.errors as f64, &top)?;
            s.number(6, p.warnings as f64, &top)?;
            s.number(7, p.infos as f64, &top)?;
            if let Some(w) = p.worst {
                let d = &report.diagnostics[w];
                s.text(8, &format!("{} {}", d.code, d.message), &wrap)?;
            }
        }
        // Findings about the file as a whole have a row of their own.
        let wide: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.file == fi && d.project_index == 0)
            .collect();
        if let Some(worst) = wide.iter().max_by_key(|d| d.severity) {
            s.next_row();
            s.text(0, &f.path, &top)?;
            s.text(2, "（整个文件）", &top)?;
            for (col, sev) in [
                (5, Severity::Error),
                (6, Severity::Warning),
                (7, Severity::Info),
            ] {
                let n = wide.iter().filter(|d| d.severity == sev).count();
                s.number(col, n as f64, &top)?;
            }
            s.text(8, &format!("{} {}", worst.code, worst.message), &wrap)?;
        }
    }
    s.finish()
}

/// The row a finding is about, for its 一级/二级/三级指标 and 指标值 columns.
fn row_of(project: Option<&Project>, cell: Option<Cell>) -> Option<&crate::model::Indicator> {
    project?.indicators.get(cell?.row()?)
}

fn findings_sheet(ws: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        "问题",
        &[
            "文件",
            "位置",
            "项目",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "代码",
            "标题",
            "级别",
            "问题与建议",
        ],
    )?;
    s.caps[10] = MESSAGE_WIDTH;
    s.caps[2] = 30;
    s.caps[5] = 30;
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = top.clone().set_text_wrap();
    let sev: Vec<Format> = [Severity::Info, Severity::Warning, Severity::Error]
        .into_iter()
        .map(|x| filled(colors(x)))
        .collect();
    for d in &report.diagnostics {
        s.next_row();
        s.text(0, &d.path, &top)?;
        let at = match &d.location.cell {
            Some(c) => c.label(),
            None => format!("{}:{}:{}", d.path, d.location.line, d.location.column),
        };
        s.text(1, &at, &top)?;
        let project = if d.project_index == 0 {
            "（整个文件）".to_string()
        } else {
            format!("{}：{}", d.project_index, d.project)
        };
        s.text(2, &project, &wrap)?;
        let proj = place::project(report, d.file, d.project_index);
        if let Some(row) = row_of(proj, place::of_diagnostic(proj, d)) {
            for (col, f) in [
                (3, &row.level1),
                (4, &row.level2),
                (5, &row.level3),
                (6, &row.value),
            ] {
                if let Some(f) = f {
                    s.text(col, &f.text, &wrap)?;
                }
            }
        }
        s.text(7, d.code, &top)?;
        s.text(8, d.title, &top)?;
        s.text(9, d.severity.zh(), &sev[d.severity as usize])?;
        s.text(10, &d.full_message(), &wrap)?;
    }
    s.finish()
}

fn rules_sheet(ws: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    let mut s = Sheet::new(ws, "规则", &["代码", "标题", "问题数"])?;
    let top = Format::new().set_align(FormatAlign::Top);
    for r in super::statistics::counts(report) {
        s.next_row();
        s.text(0, r.code, &top)?;
        s.text(1, r.title, &top)?;
        s.number(2, r.count as f64, &top)?;
    }
    s.finish()
}

fn unchecked_sheet(ws: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    let mut s = Sheet::new(ws, "未检查的文件", &["文件", "情况", "原因"])?;
    s.caps[2] = MESSAGE_WIDTH;
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = top.clone().set_text_wrap();
    for f in &report.files {
        let Some((what, why)) = super::unchecked(f) else {
            continue;
        };
        let severity = if f.error.is_some() {
            Severity::Error
        } else {
            Severity::Info
        };
        s.next_row();
        s.text(0, &f.path, &top)?;
        s.text(1, what, &filled(colors(severity)))?;
        s.text(2, &why, &wrap)?;
    }
    s.finish()
}

/// Whether a zip archive is a workbook jxlint wrote: its `docProps/core.xml` carries
/// [`MARKER`].
pub fn is_own_workbook(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(core) = zip.by_name("docProps/core.xml") else {
        return false;
    };
    let mut text = String::new();
    if core.take(64 * 1024).read_to_string(&mut text).is_err() {
        return false;
    }
    text.contains(&format!("<dc:description>{MARKER}</dc:description>"))
}
