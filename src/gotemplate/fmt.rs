//! Go's `fmt` as templates use it: `print`, `println` and `printf` with its verbs, flags,
//! width and precision, and its way of saying what went wrong (`%!d(string=x)`) in the
//! output instead of failing.

use super::value::Value;

/// `fmt.Sprint`: operands joined, with a space between two operands when neither is a
/// string.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 && !matches!(arg, Value::Str(_)) && !matches!(args[i - 1], Value::Str(_)) {
            out.push(' ');
        }
        out.push_str(&arg.display());
    }
    out
}

/// `fmt.Sprintln`: operands joined by spaces, and a newline.
pub fn sprintln(args: &[Value]) -> String {
    let mut out: Vec<String> = args.iter().map(Value::display).collect();
    out.push(String::new());
    let mut text = out.join(" ");
    text.pop();
    text.push('\n');
    text
}

/// `%v` of a float: the shortest decimal that reads back the same, in `%e` form when the
/// exponent is below -4 or 6 and above (Go's `%g` decides with precision 6 for the shortest
/// output).
pub fn float_v(value: f64) -> String {
    if let Some(special) = special_float(value) {
        return special;
    }
    let (negative, digits, exponent) = shortest(value);
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if !(-4..6).contains(&exponent) {
        out.push_str(&exponent_form(&digits, exponent, None));
    } else {
        out.push_str(&positional(&digits, exponent));
    }
    out
}

fn special_float(value: f64) -> Option<String> {
    if value.is_nan() {
        Some("NaN".into())
    } else if value.is_infinite() {
        Some(if value > 0.0 { "+Inf" } else { "-Inf" }.into())
    } else {
        None
    }
}

/// The shortest digits of `value` and its decimal exponent (`1.5e3` is `("15", 3)`).
fn shortest(value: f64) -> (bool, String, i32) {
    let text = format!("{:e}", value.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    (
        value.is_sign_negative() && value != 0.0,
        digits,
        exponent.parse().unwrap_or(0),
    )
}

/// `d.ddde±XX` from digits and exponent; `precision` pads the fraction with zeros.
fn exponent_form(digits: &str, exponent: i32, precision: Option<usize>) -> String {
    let mut out = String::new();
    out.push_str(&digits[..1]);
    let mut fraction = digits[1..].to_owned();
    if let Some(precision) = precision {
        while fraction.len() < precision {
            fraction.push('0');
        }
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(&fraction);
    }
    out.push('e');
    out.push(if exponent < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exponent.unsigned_abs()));
    out
}

/// Digits placed around the decimal point for `exponent`, without an exponent.
fn positional(digits: &str, exponent: i32) -> String {
    if exponent < 0 {
        let zeros = "0".repeat(exponent.unsigned_abs() as usize - 1);
        return format!("0.{zeros}{digits}");
    }
    let point = exponent as usize + 1;
    if digits.len() <= point {
        format!("{digits}{}", "0".repeat(point - digits.len()))
    } else {
        format!("{}.{}", &digits[..point], &digits[point..])
    }
}

/// A parsed `%` directive.
#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

/// `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if out.len() > super::value::MAX_TEXT {
            // Widths are code from the tree: the text stops where a value may stop.
            out.push_str("%!(TOO LONG)");
            return out;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&flag) = chars.peek() {
            match flag {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                _ => break,
            }
            chars.next();
        }
        spec.width = number(&mut chars);
        if chars.peek() == Some(&'.') {
            chars.next();
            spec.precision = Some(number(&mut chars).unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(used) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        used += 1;
        let text = format_one(verb, &spec, arg);
        out.push_str(&pad(&text, &spec, verb));
    }
    if used < args.len() {
        out.push_str("%!(EXTRA ");
        let extra: Vec<String> = args[used..]
            .iter()
            .map(|arg| format!("{}={}", arg.type_name(), arg.display()))
            .collect();
        out.push_str(&extra.join(", "));
        out.push(')');
    }
    out
}

fn number(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<usize> {
    let mut value: Option<usize> = None;
    while let Some(digit) = chars.peek().and_then(|c| c.to_digit(10)) {
        // A width past a million is no width Go would use either.
        value = Some((value.unwrap_or(0) * 10 + digit as usize).min(1_000_000));
        chars.next();
    }
    value
}

/// Pads to the width: spaces on the left, or the right with `-`, or zeros after the sign
/// for numbers with `0`.
fn pad(text: &str, spec: &Spec, verb: char) -> String {
    let Some(width) = spec.width else {
        return text.to_owned();
    };
    let len = text.chars().count();
    if len >= width {
        return text.to_owned();
    }
    let fill = width - len;
    if spec.minus {
        return format!("{text}{}", " ".repeat(fill));
    }
    let numeric = matches!(
        verb,
        'd' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'b'
    );
    if spec.zero && numeric && spec.precision.is_none_or(|_| !matches!(verb, 'd')) {
        let sign_len = usize::from(text.starts_with(['-', '+', ' ']));
        return format!(
            "{}{}{}",
            &text[..sign_len],
            "0".repeat(fill),
            &text[sign_len..]
        );
    }
    format!("{}{text}", " ".repeat(fill))
}

fn bad(verb: char, arg: &Value) -> String {
    format!("%!{verb}({}={})", arg.type_name(), arg.display())
}

fn signed(text: String, negative: bool, spec: &Spec) -> String {
    if negative {
        format!("-{text}")
    } else if spec.plus {
        format!("+{text}")
    } else if spec.space {
        format!(" {text}")
    } else {
        text
    }
}

fn format_one(verb: char, spec: &Spec, arg: &Value) -> String {
    match (verb, arg) {
        ('v', Value::Float(f)) if spec.precision.is_none() => {
            let text = float_v(f.abs());
            signed(text, f.is_sign_negative() && *f != 0.0, spec)
        }
        ('v', Value::Int(i)) => signed(i.unsigned_abs().to_string(), *i < 0, spec),
        ('v', Value::Str(s)) | ('s', Value::Str(s)) => match spec.precision {
            Some(p) => s.chars().take(p).collect(),
            None => s.to_string(),
        },
        ('v', other) => other.display(),
        ('s', Value::List(_) | Value::Map(_)) => arg.display(),
        ('t', Value::Bool(b)) => b.to_string(),
        ('d', Value::Int(i)) => {
            let mut digits = i.unsigned_abs().to_string();
            if let Some(p) = spec.precision {
                while digits.len() < p {
                    digits.insert(0, '0');
                }
            }
            signed(digits, *i < 0, spec)
        }
        ('x' | 'X' | 'o' | 'b', Value::Int(i)) => {
            let magnitude = i.unsigned_abs();
            let (digits, prefix) = match verb {
                'x' => (format!("{magnitude:x}"), "0x"),
                'X' => (format!("{magnitude:X}"), "0X"),
                'o' => (format!("{magnitude:o}"), "0"),
                _ => (format!("{magnitude:b}"), "0b"),
            };
            let digits = if spec.sharp {
                format!("{prefix}{digits}")
            } else {
                digits
            };
            signed(digits, *i < 0, spec)
        }
        ('x' | 'X', Value::Str(s)) => {
            let hex: String = s.bytes().map(|b| format!("{b:02x}")).collect();
            if verb == 'X' { hex.to_uppercase() } else { hex }
        }
        ('c', Value::Int(i)) => u32::try_from(*i)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}')
            .to_string(),
        ('U', Value::Int(i)) => format!("U+{:04X}", i),
        ('q', Value::Str(s)) => quote(s),
        ('q', Value::Int(i)) => {
            let c = u32::try_from(*i)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            format!("'{}'", escape_char(c, '\''))
        }
        ('e' | 'E' | 'f' | 'F' | 'g' | 'G', Value::Float(f)) => float(verb, spec, *f),
        ('e' | 'E' | 'f' | 'F' | 'g' | 'G', Value::Int(_)) => bad(verb, arg),
        _ => bad(verb, arg),
    }
}

fn float(verb: char, spec: &Spec, value: f64) -> String {
    if let Some(special) = special_float(value) {
        return special;
    }
    let negative = value.is_sign_negative() && value != 0.0;
    let magnitude = value.abs();
    let text = match verb {
        'f' | 'F' => format!("{:.*}", spec.precision.unwrap_or(6), magnitude),
        'e' | 'E' => {
            let precision = spec.precision.unwrap_or(6);
            let text = format!("{:.*e}", precision, magnitude);
            let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
            let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
            exponent_form(&digits, exponent.parse().unwrap_or(0), Some(precision))
        }
        _ => match spec.precision {
            None => float_v(magnitude),
            Some(precision) => {
                let precision = precision.max(1);
                let text = format!("{:.*e}", precision - 1, magnitude);
                let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
                let exponent: i32 = exponent.parse().unwrap_or(0);
                let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
                let digits = digits.trim_end_matches('0');
                let digits = if digits.is_empty() { "0" } else { digits };
                if exponent < -4 || exponent >= precision as i32 {
                    exponent_form(digits, exponent, None)
                } else {
                    positional(digits, exponent)
                }
            }
        },
    };
    let text = if matches!(verb, 'E' | 'G') {
        text.to_uppercase()
    } else {
        text
    };
    signed(text, negative, spec)
}

/// A string as Go's `strconv.Quote` writes it.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        out.push_str(&escape_char(c, '"'));
    }
    out.push('"');
    out
}

fn escape_char(c: char, quote: char) -> String {
    match c {
        '\u{7}' => "\\a".into(),
        '\u{8}' => "\\b".into(),
        '\u{c}' => "\\f".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t".into(),
        '\u{b}' => "\\v".into(),
        '\\' => "\\\\".into(),
        c if c == quote => format!("\\{c}"),
        c if (c as u32) < 0x20 || c == '\u{7f}' => format!("\\x{:02x}", c as u32),
        // Go's `unicode.IsPrint` is false for these too (format characters, separators).
        c if c.is_control()
            || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}') =>
        {
            if (c as u32) < 0x10000 {
                format!("\\u{:04x}", c as u32)
            } else {
                format!("\\U{:08x}", c as u32)
            }
        }
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_go_prints_them() {
        for (value, text) in [
            (1.0, "1"),
            (1.5, "1.5"),
            (123456.0, "123456"),
            (1e6, "1e+06"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.25, "-2.25"),
            (1e21, "1e+21"),
            (1e100, "1e+100"),
        ] {
            assert_eq!(float_v(value), text, "{value}");
        }
    }

    #[test]
    fn printf_verbs_flags_and_errors() {
        let s = |t: &str| Value::str(t);
        for (format, args, text) in [
            (
                "%d|%5d|%-5d|%05d",
                vec![Value::Int(7), Value::Int(-7), Value::Int(7), Value::Int(-7)],
                "7|   -7|7    |-0007",
            ),
            ("%s and %q", vec![s("a"), s("b\n\"")], "a and \"b\\n\\\"\""),
            (
                "%x %X %#x %o %b",
                vec![
                    Value::Int(255),
                    Value::Int(255),
                    Value::Int(255),
                    Value::Int(8),
                    Value::Int(5),
                ],
                "ff FF 0xff 10 101",
            ),
            (
                "%.2f %e %g %.3g",
                vec![
                    Value::Float(2.71666),
                    Value::Float(1234.5),
                    Value::Float(0.5),
                    Value::Float(1234.5),
                ],
                "2.72 1.234500e+03 0.5 1.23e+03",
            ),
            (
                "%t %v %c %U",
                vec![
                    Value::Bool(true),
                    Value::Nil,
                    Value::Int(65),
                    Value::Int(0x1F600),
                ],
                "true <nil> A U+1F600",
            ),
            ("%d", vec![s("x")], "%!d(string=x)"),
            ("%d %d", vec![Value::Int(1)], "1 %!d(MISSING)"),
            ("%d", vec![Value::Int(1), s("x")], "1%!(EXTRA string=x)"),
            ("100%%", vec![], "100%"),
            (
                "%6.2f|%-8s|%8s",
                vec![Value::Float(2.5), s("ab"), s("ab")],
                "  2.50|ab      |      ab",
            ),
            ("%x", vec![s("hi")], "6869"),
            (
                "%v",
                vec![Value::list(vec![Value::Int(1), s("a")])],
                "[1 a]",
            ),
        ] {
            assert_eq!(sprintf(format, &args), text, "{format}");
        }
    }

    #[test]
    fn sprint_spaces_only_between_non_strings() {
        let args = [
            Value::Int(1),
            Value::Int(2),
            Value::str("a"),
            Value::Int(3),
            Value::str("b"),
            Value::str("c"),
        ];
        assert_eq!(sprint(&args), "1 2a3bc");
        assert_eq!(sprintln(&args), "1 2 a 3 b c\n");
    }
}
