using System.Globalization;
using System.Text;

namespace Forewarn.Engine.Values;

/// <summary>
/// A DNS host name in its normalised ASCII form: lower case, no trailing dot, internationalised names as
/// punycode (<c>中国.cn</c> → <c>xn--fiqs8s.cn</c>), so that blacklist lookups compare one spelling only.
/// </summary>
public readonly record struct Domain
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    private readonly string? _value;

    private Domain(string value) => _value = value;

    /// <summary>The normalised name, e.g. <c>a.b.evil.com</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// This name and each parent down to two labels, most specific first: <c>a.b.evil.com</c>,
    /// <c>b.evil.com</c>, <c>evil.com</c>. A blacklisted domain matches any of its subdomains this way.
    /// </summary>
    public IEnumerable<string> SelfAndParents() => Ancestry(Value);

    /// <summary>Parses a domain name, or throws a <see cref="FormatException"/> naming the error code.</summary>
    public static Domain Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw ValueText.ParseFailure("domain", error);

    /// <summary>Parses a domain name in any case, with or without a trailing dot, in Unicode or punycode.</summary>
    public static bool TryParse(string? input, out Domain value) => TryParse(input, out value, out _);

    /// <summary>
    /// Parses a domain name in any case, with or without a trailing dot, in Unicode or punycode. On failure
    /// <paramref name="error"/> is <c>missing</c>, <c>format</c> or <c>length</c>.
    /// </summary>
    public static bool TryParse(string? input, out Domain value, out string? error)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            value = default;
            error = ValueError.Missing;
            return false;
        }

        return TryParse(input.AsSpan().Trim(), input, out value, out error);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="original"/> is reused as the value when it already is
    /// the normalised name.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, string? original, out Domain value, out string? error)
    {
        value = default;
        if (!Ascii.IsValid(text))
        {
            // Only internationalised names pay for IdnMapping (and its exceptions).
            string ascii;
            try
            {
                ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(text.ToString());
            }
            catch (ArgumentException)
            {
                error = ValueError.Format;
                return false;
            }

            text = ascii;
            original = null;
        }

        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            error = ValueError.Format;
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = ValueError.Length;
            return false;
        }

        Span<char> name = stackalloc char[text.Length];
        error = Validate(text, name);
        if (error is not null)
        {
            return false;
        }

        value = new Domain(original is null ? new string(name) : ValueText.Reuse(original, name));
        return true;
    }

    private static string? Validate(ReadOnlySpan<char> text, Span<char> lower)
    {
        var labels = 0;
        var labelStart = 0;
        var tldAllDigits = true;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '.')
            {
                var label = text[labelStart..i];
                if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
                {
                    return ValueError.Format;
                }

                if (label.Length > MaxLabelLength)
                {
                    return ValueError.Length;
                }

                tldAllDigits = !label.ContainsAnyExceptInRange('0', '9');
                labels++;
                labelStart = i + 1;
                if (i < text.Length)
                {
                    lower[i] = '.';
                }

                continue;
            }

            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return ValueError.Format;
            }

            lower[i] = char.ToLowerInvariant(c);
        }

        // A single label is not a public host name, and an all-digit last label is an IP address or a typo.
        return labels < 2 || tldAllDigits ? ValueError.Format : null;
    }

    private static IEnumerable<string> Ancestry(string name)
    {
        if (name.Length == 0)
        {
            yield break;
        }

        yield return name;
        var dots = name.AsSpan().Count('.');
        var start = 0;
        while (dots > 1)
        {
            start = name.IndexOf('.', start) + 1;
            dots--;
            yield return name[start..];
        }
    }
}
