//! The template engine against Go's `text/template`, case by case: each expected output is
//! what Go writes for the same template and data (the cases follow Go's own exec tests).

use mxspec::gotemplate::{Limits, Templates, Value};

fn data() -> Value {
    let json = serde_json::json!({
        "Title": "T", "N": 3, "F": 1.5, "Empty": "", "Zero": 0, "Bool": true, "Nil": null,
        "List": ["a", "b", "c"], "Map": {"b": 2, "a": 1},
        "Nested": {"X": {"Y": "deep"}}, "Html": "<b>&'\"</b>", "Big": 1000000.0
    });
    Value::from(&json)
}

fn run(text: &str) -> Result<String, String> {
    run_with(text, Limits::default())
}

fn run_with(text: &str, limits: Limits) -> Result<String, String> {
    let mut templates = Templates::new(Default::default());
    templates.add("page", text).map_err(|e| e.to_string())?;
    templates
        .execute("page", &data(), limits)
        .map_err(|e| e.to_string())
}

#[test]
fn go_writes_the_same() {
    let cases = [
        ("field", "{{.Title}}", "T"),
        ("missing key", "{{.Missing}}", "<no value>"),
        ("nil value", "{{.Nil}}", "<nil>"),
        ("chain", "{{.Nested.X.Y}}", "deep"),
        ("chain through missing", "{{.Missing.X.Y}}", "<no value>"),
        ("float", "{{.F}} {{.Big}}", "1.5 1e+06"),
        ("list and map", "{{.List}} {{.Map}}", "[a b c] map[a:1 b:2]"),
        ("if else", "{{if .Bool}}y{{else}}n{{end}}", "y"),
        (
            "else if",
            "{{if .Empty}}y{{else if .N}}n{{.N}}{{end}}",
            "n3",
        ),
        ("zero is false", "{{if .Zero}}y{{else}}n{{end}}", "n"),
        ("range list", "{{range .List}}[{{.}}]{{end}}", "[a][b][c]"),
        (
            "range index",
            "{{range $i, $e := .List}}{{$i}}={{$e}} {{end}}",
            "0=a 1=b 2=c ",
        ),
        (
            "range one variable",
            "{{range $e := .List}}{{$e}}{{end}}",
            "abc",
        ),
        (
            "range map in key order",
            "{{range $k, $v := .Map}}{{$k}}{{$v}}{{end}}",
            "a1b2",
        ),
        (
            "range else",
            "{{range .Missing}}x{{else}}none{{end}}",
            "none",
        ),
        ("range int", "{{range 3}}{{.}}{{end}}", "012"),
        (
            "break",
            "{{range .List}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}",
            "a",
        ),
        (
            "continue",
            "{{range .List}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}",
            "ac",
        ),
        (
            "separator",
            "{{range $i, $e := .List}}{{if $i}},{{end}}{{$e}}{{end}}",
            "a,b,c",
        ),
        ("with", "{{with .Nested.X}}{{.Y}}{{end}}", "deep"),
        ("with else", "{{with .Missing}}x{{else}}y{{end}}", "y"),
        (
            "else with",
            "{{with .Missing}}x{{else with .Title}}{{.}}{{end}}",
            "T",
        ),
        (
            "assignment reaches out",
            "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}",
            "2",
        ),
        (
            "declaration shadows",
            "{{$x := \"a\"}}{{with $x := \"b\"}}{{$x}}{{end}}{{$x}}",
            "ba",
        ),
        (
            "dollar is the data",
            "{{with .Nested}}{{$.Title}}{{end}}",
            "T",
        ),
        (
            "len",
            "{{len .List}} {{len .Map}} {{len \"héllo\"}}",
            "3 2 6",
        ),
        (
            "index",
            "{{index .List 1}} {{index .Map \"b\"}} {{index .Nested \"X\" \"Y\"}}",
            "b 2 deep",
        ),
        ("index of a missing key", "{{index .Map \"z\"}}", "<nil>"),
        (
            "slice",
            "{{slice .List 1 2}} {{slice \"hello\" 1}}",
            "[b] ello",
        ),
        (
            "printf",
            "{{printf \"%d-%s-%.1f\" .N .Title .F}}",
            "3-T-1.5",
        ),
        (
            "pipe is the last argument",
            "{{.N | printf \"%03d\"}} {{\"x\" | printf \"%s%s\" \"y\"}}",
            "003 yx",
        ),
        ("print", "{{print 1 2 \"a\" 3}}", "1 2a3"),
        ("println", "{{println 1 \"a\"}}", "1 a\n"),
        ("quote", "{{index .List 0 | printf \"%q\"}}", "\"a\""),
        (
            "html",
            "{{html .Html}}",
            "&lt;b&gt;&amp;&#39;&#34;&lt;/b&gt;",
        ),
        ("js", "{{js \"it's <x>\"}}", "it\\'s \\u003Cx\\u003E"),
        ("urlquery", "{{urlquery \"a b&c\"}}", "a+b%26c"),
        ("and", "{{and 1 0 \"x\"}} {{and 1 \"x\"}}", "0 x"),
        ("or", "{{or 0 \"\" \"y\"}}|{{or 0 \"\"}}", "y|"),
        (
            "and stops early",
            "{{and false (index .List 10)}} {{or true (index .List 10)}}",
            "false true",
        ),
        ("not", "{{not .Empty}} {{not .N}}", "true false"),
        (
            "comparisons",
            "{{eq .N 3}} {{eq .Title \"x\" \"T\"}} {{ne .N 4}} {{lt 1 2}} {{ge \"b\" \"a\"}} {{le 2.5 1.5}}",
            "true true true true true false",
        ),
        ("eq with nil", "{{eq .Nil nil}} {{eq .N nil}}", "true false"),
        ("trim markers", "{{- \"a\" -}}  \n  {{- \"b\" }}", "ab"),
        ("comment", "a {{/* c */}} b", "a  b"),
        (
            "define and template",
            "{{define \"x\"}}[{{.}}]{{end}}{{template \"x\" .Title}}",
            "[T]",
        ),
        (
            "template without data",
            "{{define \"x\"}}[{{.}}]{{end}}{{template \"x\"}}",
            "[<no value>]",
        ),
        ("block", "{{block \"b\" .N}}<{{.}}>{{end}}", "<3>"),
        (
            "parenthesized chain",
            "{{(.Nested).X.Y}} {{(index .Nested \"X\").Y}}",
            "deep deep",
        ),
        (
            "numbers",
            "{{1e3}} {{0x10}} {{'a'}} {{1.5}} {{-2}}",
            "1000 16 97 1.5 -2",
        ),
        ("declaration writes nothing", "{{$x := .Title}}{{$x}}", "T"),
        (
            "variables end with their structure",
            "{{range .List}}{{$v := .}}{{end}}x",
            "x",
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, expected) in cases {
        match run(text) {
            Ok(out) if out == expected => {}
            other => failures.push(format!(
                "{name}: {text:?}\n  want {expected:?}\n  got  {other:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn go_refuses_the_same() {
    let cases = [
        (
            "{{.Title.X}}",
            "page:1:3: can't evaluate field X in type string",
        ),
        (
            "{{index .List 5}}",
            "page:1:3: error calling index: index out of range: 5",
        ),
        (
            "{{template \"nope\"}}",
            "page:1:3: no such template \"nope\"",
        ),
        (
            "{{eq .N 1.5}}",
            "error calling eq: incompatible types for comparison",
        ),
        ("{{len 3}}", "error calling len: len of type int"),
        ("{{range \"s\"}}{{end}}", "range can't iterate over s"),
        (
            "\n  {{.Map.a 1}}",
            "page:2:5: a is not a method but has arguments",
        ),
        ("{{\"x\" 1}}", "can't give argument to non-function \"x\""),
        ("{{printf 1}}", "printf's format is a int"),
    ];
    for (text, message) in cases {
        let err = run(text).unwrap_err();
        assert!(err.contains(message), "{text}: {err}");
    }
}

/// Templates are code from the tree: recursion, loops and output end with an error in
/// bounded time and memory, on a thread with the 2 MB stack of a worker.
#[test]
fn hostile_templates_end_with_an_error() {
    let limits = Limits {
        steps: 100_000,
        output: 1 << 20,
        nesting: Limits::default().nesting,
    };
    let deep_ifs = format!(
        "{{{{define \"r\"}}}}{}{{{{template \"r\" .}}}}{}{{{{end}}}}{{{{template \"r\" .}}}}",
        "{{if 1}}".repeat(90),
        "{{end}}".repeat(90)
    );
    let bomb = (1..10).fold(
        "{{define \"t0\"}}xxxxxxxxxxxxxxxx{{end}}".to_owned(),
        |text, i| {
            let call = format!("{{{{template \"t{}\"}}}}", i - 1).repeat(10);
            format!("{text}{{{{define \"t{i}\"}}}}{call}{{{{end}}}}")
        },
    ) + "{{template \"t9\"}}";
    let cases = [
        (
            "{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}",
            "nest more than 200",
        ),
        (deep_ifs.as_str(), "nest more than 200"),
        ("{{range 100000000}}{{end}}", "more than the step budget"),
        (
            "{{range 50000}}{{range 50000}}{{end}}{{end}}",
            "more than 100000 steps",
        ),
        (bomb.as_str(), "output larger than 1048576 bytes"),
    ];
    for (text, message) in cases {
        let text = text.to_owned();
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || run_with(&text, limits))
            .unwrap()
            .join()
            .unwrap();
        let err = result.unwrap_err();
        assert!(err.contains(message), "{err}");
    }
}

/// As `html/template`: data lands in the page as data, escaped for where it lands, never as
/// markup, script or a `javascript:` link.
#[test]
fn html_templates_escape_each_value_for_its_place() {
    let json = serde_json::json!({
        "Html": "<script>alert(1)</script>", "Url": "javascript:alert(1)",
        "Page": "/a b?x=1", "Query": "a&b c", "Title": "T \"q\""
    });
    let dot = Value::from(&json);
    let mut functions = mxspec::gotemplate::Functions::default();
    functions.insert_fn("safeHTML", |_, args| {
        let text = args.first().map(Value::display).unwrap_or_default();
        Ok(Value::Safe(
            mxspec::gotemplate::html::Safe::Html,
            text.into(),
        ))
    });
    let cases = [
        (
            "<p>{{.Html}}</p>",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        ),
        (
            "<p>{{.Html | safeHTML}}</p>",
            "<p><script>alert(1)</script></p>",
        ),
        ("<a href=\"{{.Url}}\">", "<a href=\"#ZgotmplZ\">"),
        ("<a href=\"{{.Page}}\">", "<a href=\"/a%20b?x=1\">"),
        (
            "<a href=\"/s?q={{.Query}}\">",
            "<a href=\"/s?q=a%26b&#43;c\">",
        ),
        (
            "<a title=\"{{.Title}}\">{{.Title}}</a>",
            "<a title=\"T &#34;q&#34;\">T &#34;q&#34;</a>",
        ),
        (
            "<script>var t = {{.Title}};</script>",
            "<script>var t = \"T \\\"q\\\"\";</script>",
        ),
        (
            "{{define \"i\"}}<i>{{.}}</i>{{end}}<b>{{template \"i\" .Html}}</b>",
            "<b><i>&lt;script&gt;alert(1)&lt;/script&gt;</i></b>",
        ),
    ];
    for (text, expected) in cases {
        let mut templates = Templates::html(functions.clone());
        templates.add("page", text).unwrap();
        let out = templates.execute("page", &dot, Limits::default()).unwrap();
        assert_eq!(out, expected, "{text}");
    }
}

/// Hugo's functions as a layout uses them: a partial that calls itself and gives a value
/// with `return`, a scratch, `append` of a list, `index` by a list of keys, `merge`, the
/// `strings`, `reflect` and `urls` namespaces.
#[test]
fn hugo_functions_as_layouts_use_them() {
    let site = Value::map([(
        "Data".to_owned(),
        Value::from(&serde_json::json!({"api": {"defs": {"a": {"x": 1}}}})),
    )]);
    let mut templates = Templates::html(mxspec::hugo::functions(site));
    templates
        .add(
            "partials/count.html",
            "{{ $n := 0 }}{{ if reflect.IsMap . }}{{ range $k, $v := . }}{{ $n = add $n (partial \"count\" $v) }}{{ end }}{{ $n = add $n 1 }}{{ end }}{{ return $n }}",
        )
        .unwrap();
    let cases = [
        (
            "{{ partial \"count\" (dict \"a\" (dict \"b\" 1) \"c\" 2) }}",
            "2",
        ),
        (
            "{{ $s := newScratch }}{{ $s.Set \"k\" 1 }}{{ $s.Add \"k\" 2 }}{{ $s.SetInMap \"m\" \"x\" 3 }}{{ $s.Get \"k\" }} {{ $s.Get \"m\" }}",
            "3 map[x:3]",
        ),
        (
            "{{ slice 1 2 | append (slice 3 4) }} {{ slice (slice 1) | append 5 }}",
            "[1 2 3 4] [[1] 5]",
        ),
        (
            "{{ index site.Data (split \"api/defs/a\" \"/\") }}",
            "map[x:1]",
        ),
        (
            "{{ merge (dict \"a\" 1 \"b\" (dict \"c\" 1)) (dict \"b\" (dict \"d\" 2)) }}",
            "map[a:1 b:map[c:1 d:2]]",
        ),
        (
            "{{ strings.TrimPrefix \"/\" \"/a/b\" }} {{ replaceRE \"\\\\.[^\\\\.]*$\" \"\" \"x/y.yaml\" }}",
            "a/b x/y",
        ),
        (
            "{{ $u := urls.Parse \"api/cs/sync.yaml\" }}{{ ($u.ResolveReference (urls.Parse \"../defs/e.yaml#/p\")).Path }}",
            "/api/defs/e.yaml",
        ),
        (
            "{{ eq 1 1.0 }} {{ lt 1 1.5 }} {{ default \"d\" \"\" }} {{ cond false 1 2 }}",
            "true true d 2",
        ),
        (
            "{{ delimit (apply (slice \"a\" \"b\") \"printf\" \"@%s!\" \".\") \", \" }}",
            "@a!, @b!",
        ),
        (
            "{{ range (\"[{\\\"n\\\": 1}, {\\\"n\\\": 2}]\" | transform.Unmarshal) }}{{ .n }}{{ end }} {{ (transform.Unmarshal \"a: [x]\").a }}",
            "12 [x]",
        ),
        (
            "{{ jsonify (dict \"a\" \"<b>\") }}",
            "{\"a\":\"\\u003cb\\u003e\"}",
        ),
        (
            "{{ warnf \"careful %d\" 1 }}{{ anchorize \"Hello World!\" }}",
            "hello-world",
        ),
    ];
    let mut reports = Vec::new();
    for (text, expected) in cases {
        templates.add("page", text).unwrap();
        let out = templates
            .execute_in("page", &Value::Nil, Value::Nil, Limits::default(), None)
            .unwrap();
        assert_eq!(out.text, expected, "{text}");
        reports.extend(out.reports);
    }
    assert_eq!(reports, ["careful 1"]);
    templates
        .add("page", "{{ errorf \"bad %s\" \"x\" }}")
        .unwrap();
    let err = templates
        .execute("page", &Value::Nil, Limits::default())
        .unwrap_err();
    assert!(err.to_string().contains("bad x"), "{err}");
    // The network is refused, with a reason; `apply` cannot reach a partial.
    for (text, message) in [
        (
            "{{ resources.GetRemote \"https://example.org/x\" }}",
            "fetches nothing",
        ),
        (
            "{{ apply (slice 1) \"partial\" \"count\" \".\" }}",
            "apply cannot call partial",
        ),
    ] {
        templates.add("page", text).unwrap();
        let err = templates
            .execute("page", &Value::Nil, Limits::default())
            .unwrap_err();
        assert!(err.to_string().contains(message), "{text}: {err}");
    }
}

/// Executions that share a budget of steps end when it is spent, whatever each one's own
/// limits allow.
#[test]
fn executions_that_share_a_budget_end_when_it_is_spent() {
    use std::sync::Arc;
    let mut templates = Templates::new(Default::default());
    templates
        .add("page", "{{ range 3000 }}{{ end }}done")
        .unwrap();
    let budget = Arc::new(mxspec::gotemplate::exec::Budget::new(10_000));
    let run = || {
        templates.execute_in(
            "page",
            &Value::Nil,
            Value::Nil,
            Limits::default(),
            Some(budget.clone()),
        )
    };
    for _ in 0..3 {
        assert_eq!(run().unwrap().text, "done");
    }
    let err = run().unwrap_err();
    assert!(err.to_string().contains("10000 steps"), "{err}");
    assert_eq!(budget.left(), 0);
}

/// The page the host gives an execution is what `page` gives, and what `markdownify` renders
/// with; a template that does not parse fails only the executions that reach it.
#[test]
fn the_hosts_page_and_templates_that_do_not_parse() {
    use std::sync::Arc;
    let mut templates = Templates::html(mxspec::hugo::functions(Value::Nil));
    templates
        .add(
            "page",
            "{{ with page.Params.version }}v{{ . }}{{ end }} {{ markdownify \"*a*\" }}",
        )
        .unwrap();
    let page = mxspec::hugo::Page {
        params: [("version".to_owned(), Value::str("3"))].into(),
        render: mxspec::hugo::RenderString(Some(Arc::new(|text: &str, _| {
            format!("<b>{text}</b>")
        }))),
        ..Default::default()
    };
    let out = templates
        .execute_in(
            "page",
            &Value::Nil,
            Value::Object(Arc::new(page)),
            Limits::default(),
            None,
        )
        .unwrap();
    assert_eq!(out.text, "v3 <b>*a*</b>");
    // Without a page, plain Markdown.
    let out = templates
        .execute("page", &Value::Nil, Limits::default())
        .unwrap();
    assert_eq!(out, " <em>a</em>");

    templates.add_or_defer("partials/broken.html", "{{ nosuchfunction 1 }}");
    templates
        .add(
            "fine",
            "{{ if false }}{{ partial \"broken\" . }}{{ end }}fine",
        )
        .unwrap();
    templates
        .add("reaches", "{{ partial \"broken\" . }}")
        .unwrap();
    assert_eq!(
        templates.execute("fine", &Value::Nil, Limits::default()),
        Ok("fine".to_owned())
    );
    let err = templates
        .execute("reaches", &Value::Nil, Limits::default())
        .unwrap_err();
    assert!(err.to_string().contains("nosuchfunction"), "{err}");
}

/// A partial that calls itself through `if`s and `with`s ends at the nesting bound, on the
/// 2 MB stack of a worker thread.
#[test]
fn a_partial_that_calls_itself_ends_with_an_error() {
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut templates = Templates::html(mxspec::hugo::functions(Value::Nil));
            let body = format!(
                "{}{{{{ partial \"r\" (dict \"a\" (slice .)) }}}}{}",
                "{{ with 1 }}{{ if true }}".repeat(3),
                "{{ end }}{{ end }}".repeat(3)
            );
            templates.add("partials/r.html", &body).unwrap();
            templates.add("page", "{{ partial \"r\" 1 }}").unwrap();
            templates
                .execute("page", &Value::Nil, Limits::default())
                .map_err(|e| e.to_string())
        })
        .unwrap()
        .join()
        .unwrap();
    let err = result.unwrap_err();
    assert!(err.contains("nest more than 200"), "{err}");
}

/// Values a template builds are bounded too: strings and lists that double, a list that holds
/// itself over and over, values nested ever deeper, all end with an error, on a worker's 2 MB
/// stack.
#[test]
fn values_that_grow_without_bound_end_with_an_error() {
    let cases = [
        (
            "{{ $s := \"xxxxxxxxxxxxxxxx\" }}{{ range 40 }}{{ $s = add $s $s }}{{ end }}",
            "more than",
        ),
        (
            "{{ $l := slice 1 }}{{ range 40 }}{{ $l = $l | append $l }}{{ end }}",
            "more than",
        ),
        (
            "{{ $l := slice 1 }}{{ range 80 }}{{ $l = slice $l $l }}{{ end }}{{ jsonify $l }}",
            "parts to write",
        ),
        (
            "{{ $l := slice 1 }}{{ range 100000 }}{{ $l = slice $l }}{{ end }}{{ $l }}",
            "nest",
        ),
        (
            "{{ $d := dict }}{{ range 100000 }}{{ $d = dict \"a\" $d }}{{ end }}{{ $d }}",
            "nest",
        ),
        (
            "{{ replace (printf \"%999999d\" 1) \" \" \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" }}",
            "would pass",
        ),
    ];
    for (text, message) in cases {
        let text = text.to_owned();
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let mut templates = Templates::html(mxspec::hugo::functions(Value::Nil));
                templates.add("page", &text).unwrap();
                templates
                    .execute("page", &Value::Nil, Limits::default())
                    .map(|out| out.len())
                    .map_err(|e| e.to_string())
            })
            .unwrap()
            .join()
            .unwrap();
        let err = result.unwrap_err();
        assert!(err.contains(message), "{err}");
    }
}
