//! Charts drawn on the server as inline SVG.
//!
//! [`sex_age_chart`] draws a beneficiary table as horizontal bars: one
//! group of bars per age group, one bar per sex. A suppressed cell has no
//! bar, only its mark (`<5`, `suprimido`), so the chart gives away nothing
//! the table does not. The table stays beside the chart as its text
//! alternative.

use std::fmt::Write as _;

use cocina_model::Lang;

use crate::map::escape;
use crate::table::{BeneficiaryTable, Shown};
use crate::text::{self, labels};

/// Width of the viewBox; the chart scales to its container.
const WIDTH: f64 = 600.0;
/// Room on the left for the age groups' labels.
const LABEL_WIDTH: f64 = 130.0;
/// Room on the right for the value of the longest bar.
const VALUE_WIDTH: f64 = 60.0;
/// Height of one bar and the space under it.
const BAR: f64 = 14.0;
const BAR_GAP: f64 = 2.0;
/// Space between age groups.
const GROUP_GAP: f64 = 10.0;
/// Height of the legend row at the top.
const LEGEND: f64 = 24.0;

/// Draws `table` as a bar chart, or returns `None` for an empty table.
/// `id` makes the title's and description's ids unique on the page.
#[must_use]
pub fn sex_age_chart(table: &BeneficiaryTable, lang: Lang, id: &str) -> Option<String> {
    if table.is_empty() {
        return None;
    }
    let t = labels(lang);
    let columns = table.columns().len();
    let group_height = columns as f64 * (BAR + BAR_GAP) + GROUP_GAP;
    let height = LEGEND + table.rows().len() as f64 * group_height;
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} \
         {height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}\
         </title><desc id=\"{id}-d\">{}</desc>",
        escape(t.chart_title),
        escape(t.chart_desc)
    );
    push_legend(&mut svg, table, lang);
    let most = largest(table).max(1) as f64;
    let scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / most;
    for (i, row) in table.rows().iter().enumerate() {
        let top = LEGEND + i as f64 * group_height;
        let label_y = top + columns as f64 * (BAR + BAR_GAP) / 2.0 + 4.0;
        let _ = write!(
            svg,
            "<text x=\"{:.0}\" y=\"{label_y:.1}\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 8.0,
            escape(&text::age_group(row.age_group, lang))
        );
        for (j, cell) in row.cells.iter().enumerate() {
            let y = top + j as f64 * (BAR + BAR_GAP);
            push_bar(&mut svg, *cell, j, y, scale, table.threshold(), lang);
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The largest published count of the table, which sets the bars' scale.
fn largest(table: &BeneficiaryTable) -> u64 {
    table
        .rows()
        .iter()
        .flat_map(|r| &r.cells)
        .filter_map(|c| match c {
            Shown::Count(n) => Some(*n),
            Shown::Suppressed(_) => None,
        })
        .max()
        .unwrap_or(0)
}

fn push_legend(svg: &mut String, table: &BeneficiaryTable, lang: Lang) {
    let mut x = LABEL_WIDTH;
    for (j, sex) in table.columns().iter().enumerate() {
        let name = text::sex(*sex, lang);
        let _ = write!(
            svg,
            "<rect class=\"b{j}\" x=\"{x:.0}\" y=\"4\" width=\"12\" height=\"12\"/>\
             <text x=\"{:.0}\" y=\"14\">{}</text>",
            x + 16.0,
            escape(name)
        );
        x += 24.0 + 7.5 * name.chars().count() as f64;
    }
}

fn push_bar(
    svg: &mut String,
    cell: Shown,
    column: usize,
    y: f64,
    scale: f64,
    threshold: u64,
    lang: Lang,
) {
    let text_y = y + BAR - 3.0;
    match cell {
        Shown::Count(n) => {
            let width = n as f64 * scale;
            let _ = write!(
                svg,
                "<rect class=\"b{column}\" x=\"{LABEL_WIDTH:.0}\" y=\"{y:.0}\" \
                 width=\"{width:.1}\" height=\"{BAR:.0}\"/><text x=\"{:.1}\" \
                 y=\"{text_y:.0}\">{}</text>",
                LABEL_WIDTH + width + 4.0,
                lang.number(n)
            );
        }
        Shown::Suppressed(reason) => {
            let mark = match reason {
                crate::SuppressionReason::SmallCount => format!("<{threshold}"),
                crate::SuppressionReason::Complementary => labels(lang).suppressed_other.to_owned(),
            };
            let _ = write!(
                svg,
                "<text class=\"sup\" x=\"{:.0}\" y=\"{text_y:.0}\">{}</text>",
                LABEL_WIDTH + 4.0,
                escape(&mark)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use cocina_model::{AgeGroup, Sex};

    use super::*;
    use crate::table::with_total;
    use crate::{Margin, SuppressionReason, TableCell};

    fn group(min: u8, max: u8) -> AgeGroup {
        AgeGroup::Range {
            min,
            max: Some(max),
        }
    }

    #[test]
    fn bars_are_drawn_for_counts_and_marks_for_suppressed_cells() {
        let cells = [
            TableCell {
                sex: Margin::Value(Some(Sex::Female)),
                age_group: Margin::Value(group(6, 12)),
                value: Some(40),
                reason: None,
            },
            TableCell {
                sex: Margin::Value(Some(Sex::Male)),
                age_group: Margin::Value(group(6, 12)),
                value: None,
                reason: Some(SuppressionReason::SmallCount),
            },
        ];
        let table = BeneficiaryTable::new(with_total(cells, 43), 5);
        let svg = sex_age_chart(&table, Lang::Es, "c").unwrap();
        assert!(svg.contains("role=\"img\" aria-labelledby=\"c-t c-d\""));
        assert!(svg.contains(">40</text>"));
        assert!(svg.contains("&lt;5"));
        assert!(!svg.contains(">3<"));
        assert!(svg.contains("6 a 12 años") && svg.contains("Mujeres"));
        // One legend swatch and one bar: the suppressed cell has none.
        assert_eq!(svg.matches("<rect class=\"b1\"").count(), 1);
    }

    #[test]
    fn an_empty_table_has_no_chart() {
        let table = BeneficiaryTable::new([], 5);
        assert!(sex_age_chart(&table, Lang::En, "c").is_none());
    }
}
