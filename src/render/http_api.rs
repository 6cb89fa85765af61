//! The `{{<group>_<api>_http_api}}` sections: a group's endpoint records laid out for the
//! `http-api.rst` template.

use serde::Serialize;

use super::endpoints::{EndpointRecord, GroupRecord};
use super::layout::{self, Section, Table, indent_block};
use super::tables::TypeTable;
use super::templates::{TemplateError, Templates};

/// Titles of the parameter and field tables.
const TITLES: [&str; 3] = ["Parameter", "Type", "Description"];

#[derive(Serialize)]
struct EndpointView<'a> {
    heading: String,
    underline: String,
    deprecated: bool,
    desc: &'a str,
    rate_limited: bool,
    requires_auth: bool,
    request: Option<Table>,
    request_tables: Vec<Table>,
    response_headers: Option<Table>,
    response_tables: Vec<Table>,
    example_request: String,
    responses: Vec<ResponseView<'a>>,
}

#[derive(Serialize)]
struct ResponseView<'a> {
    code: String,
    description: &'a str,
    example: Option<String>,
}

/// Renders a group's section; titles are underlined with `title_char`.
pub fn render(
    templates: &Templates,
    group: &GroupRecord,
    title_char: char,
) -> Result<String, TemplateError> {
    let endpoints: Vec<EndpointView> = group
        .endpoints
        .iter()
        .map(|e| view(e, title_char))
        .collect();
    templates.render("http-api.rst", minijinja::context! { endpoints })
}

fn view(endpoint: &EndpointRecord, title_char: char) -> EndpointView<'_> {
    let call = format!("``{} {}``", endpoint.method, endpoint.path);
    let heading = if endpoint.deprecated {
        format!("Deprecated: {call}")
    } else {
        call
    };
    let request = (!endpoint.req_param_by_loc.is_empty()).then(|| {
        let sections: Vec<Section> = endpoint
            .req_param_by_loc
            .iter()
            .map(|(location, rows)| Section {
                label: Some(format!("*{location} parameters*")),
                rows,
            })
            .collect();
        layout::table("", TITLES, &sections)
    });
    EndpointView {
        underline: title_char.to_string().repeat(heading.chars().count()),
        heading,
        deprecated: endpoint.deprecated,
        desc: &endpoint.desc,
        rate_limited: endpoint.rate_limited,
        requires_auth: endpoint.requires_auth,
        request,
        request_tables: endpoint.req_body_tables.iter().map(type_table).collect(),
        response_headers: endpoint.res_headers.as_ref().map(type_table),
        response_tables: endpoint.res_tables.iter().map(type_table).collect(),
        example_request: indent_block(&endpoint.example.req, 2),
        responses: endpoint
            .responses
            .iter()
            .map(|r| ResponseView {
                code: match &r.code {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
                description: &r.description,
                example: r.example.as_deref().map(|e| indent_block(e, 2)),
            })
            .collect(),
    }
}

/// A table of fields under `Parameter`, `Type`, `Description`, captioned with its title.
pub fn type_table(table: &TypeTable) -> Table {
    layout::rows_table(table.title.as_deref().unwrap_or(""), TITLES, &table.rows)
}

/// The same table without a caption (the definition template names it above the table).
pub fn uncaptioned_type_table(table: &TypeTable) -> Table {
    layout::rows_table("", TITLES, &table.rows)
}
