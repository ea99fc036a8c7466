using System.Runtime.CompilerServices;

namespace Forewarn.Engine.Values;

/// <summary>
/// A mainland China phone number: a mobile, a landline with its area code, or a service number.
/// <see cref="Value"/> holds only digits: 11 for a mobile, the area code with its leading 0 and the local
/// number for a landline, the dialled digits for a service number.
/// </summary>
public readonly record struct PhoneNumber
{
    // The longest digit run worth looking at: "0086", a 4-digit area code and an 8-digit local number.
    private const int MaxDigits = 16;

    private readonly string? _value;

    private PhoneNumber(string value, PhoneKind kind)
    {
        _value = value;
        Kind = kind;
    }

    /// <summary>The normalised digits, e.g. <c>13812345678</c>, <c>02362345678</c>, <c>96110</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is a mobile, landline or service number.</summary>
    public PhoneKind Kind { get; }

    /// <summary>
    /// The first seven digits of a mobile number (号段), which identify carrier and home city; null for other kinds.
    /// </summary>
    public string? Prefix7 => Kind == PhoneKind.Mobile && Value.Length == 11 ? Value[..7] : null;

    /// <summary>The area code with its leading 0 (e.g. <c>023</c>) of a landline; null for other kinds.</summary>
    public string? AreaCode => Kind == PhoneKind.Landline && Value.Length > 4 ? Value[..AreaCodeLength(Value)] : null;

    /// <summary>
    /// The number with its middle hidden for display and logs: <c>138****5678</c>, <c>023****5678</c>.
    /// Service numbers are not personal and are shown whole.
    /// </summary>
    public string Masked => Kind switch
    {
        PhoneKind.Mobile => ValueText.Mask(Value, 3, 4),
        PhoneKind.Landline when Value.Length > 4 => ValueText.Mask(Value, AreaCodeLength(Value), 4),
        _ => Value,
    };

    /// <summary>Parses a phone number, or throws a <see cref="FormatException"/> naming the error code.</summary>
    public static PhoneNumber Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw ValueText.ParseFailure("phone number", error);

    /// <summary>Parses a phone number as written by people: with <c>+86</c>, spaces, dashes, dots or parentheses.</summary>
    public static bool TryParse(string? input, out PhoneNumber value) => TryParse(input, out value, out _);

    /// <summary>
    /// Parses a phone number as written by people: with <c>+86</c>, <c>0086</c> or <c>86</c>, spaces, dashes,
    /// dots or parentheses. On failure <paramref name="error"/> is <c>missing</c>, <c>format</c>,
    /// <c>length</c> or <c>prefix</c>.
    /// </summary>
    public static bool TryParse(string? input, out PhoneNumber value, out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = ValueError.Missing;
            return false;
        }

        Span<char> digits = stackalloc char[MaxDigits];
        var count = 0;
        var plus = false;
        foreach (var c in input)
        {
            var digit = ValueText.Digit(c);
            if (digit >= 0)
            {
                if (count == MaxDigits)
                {
                    error = ValueError.Length;
                    return false;
                }

                digits[count++] = (char)('0' + digit);
            }
            else if (c is '+' or '\uFF0B')
            {
                if (plus || count > 0)
                {
                    error = ValueError.Format;
                    return false;
                }

                plus = true;
            }
            else if (!IsSeparator(c))
            {
                error = ValueError.Format;
                return false;
            }
        }

        if (count == 0)
        {
            error = ValueError.Format;
            return false;
        }

        // start > 0 once a country code has been stripped.
        var start = 0;
        var all = digits[..count];
        if (plus)
        {
            if (!all.StartsWith("86"))
            {
                error = ValueError.Prefix;
                return false;
            }

            start = 2;
        }
        else if (all.StartsWith("0086"))
        {
            start = 4;
        }
        else if (count == 13 && all.StartsWith("86"))
        {
            // A bare 86 is only a country code in front of a full 11-digit number; 86xxx is otherwise a local number.
            start = 2;
        }

        if (start > 0 && NeedsTrunkPrefix(all[start..]))
        {
            // Abroad the trunk 0 of the area code is dropped: +86 23 6234 5678 is 023 6234 5678.
            digits[--start] = '0';
        }

        var national = digits[start..count];
        error = Classify(national, out var kind);
        if (error is not null)
        {
            return false;
        }

        value = new PhoneNumber(ValueText.Reuse(input, national), kind);
        return true;
    }

    /// <summary>True for exactly eleven ASCII digits forming a mobile number, as <see cref="TryParse(string?, out PhoneNumber)"/> would classify it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsPlainMobile(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 11 || digits[0] != '1' || !IsMobilePrefix(digits[1], digits[2]))
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or '\uFF0D' or '\uFF08' or '\uFF09' or '\u2014' or '\u2013';

    private static bool NeedsTrunkPrefix(ReadOnlySpan<char> national) =>
        national.Length > 0
        && national[0] != '0'
        && !(national.Length == 11 && national[0] == '1')
        && !IsCompanyNumber(national);

    private static bool IsCompanyNumber(ReadOnlySpan<char> digits) =>
        digits.Length == 10 && (digits.StartsWith("400") || digits.StartsWith("800"));

    private static int AreaCodeLength(ReadOnlySpan<char> landline) => landline[1] is '1' or '2' ? 3 : 4;

    private static string? Classify(ReadOnlySpan<char> n, out PhoneKind kind)
    {
        kind = PhoneKind.Service;
        if (n.IsEmpty)
        {
            return ValueError.Length;
        }

        switch (n[0])
        {
            case '1':
                if (n.Length == 11)
                {
                    kind = PhoneKind.Mobile;
                    return IsMobilePrefix(n[1], n[2]) ? null : ValueError.Prefix;
                }

                if (n.Length == 3)
                {
                    return n is "110" or "119" or "120" or "122" ? null : ValueError.Prefix;
                }

                // 12xxx are government hotlines: 12345 citizen services, 12321 spam reports, 12381 fraud SMS reports.
                return n.Length == 5 ? (n[1] == '2' ? null : ValueError.Prefix) : ValueError.Length;

            case '9':
                // 95xxx are national bank, insurer and carrier lines (95588 ICBC); 96xxx local ones, 96110 anti-fraud.
                return n.Length == 5 ? (n[1] is '5' or '6' ? null : ValueError.Prefix) : ValueError.Length;

            case '4' or '8':
                return n.Length == 10 ? (IsCompanyNumber(n) ? null : ValueError.Prefix) : ValueError.Length;

            case '0':
                kind = PhoneKind.Landline;
                return ClassifyLandline(n);

            default:
                return ValueError.Prefix;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // on the contact scan's path: not left to unoptimised code
    private static bool IsMobilePrefix(char second, char third) => second switch
    {
        '3' or '8' or '9' => true,
        '4' => third is >= '5' and <= '9',
        '5' => third != '4',
        '6' => third is '2' or '5' or '6' or '7',
        '7' => third != '9',
        _ => false,
    };

    private static string? ClassifyLandline(ReadOnlySpan<char> n)
    {
        if (n.Length < 3)
        {
            return ValueError.Length;
        }

        // 010 is Beijing and 02x the other large cities; everything else has a 4-digit code 0[3-9]xx.
        // 00 is an international call prefix and 01x (other than 010) is unassigned.
        if (n[1] == '0' || (n[1] == '1' && n[2] != '0'))
        {
            return ValueError.Prefix;
        }

        var local = n[AreaCodeLength(n)..];
        if (local.Length is < 7 or > 8)
        {
            return ValueError.Length;
        }

        // A local number never starts with 0, the trunk prefix. Those starting with 1 are special services in
        // the numbering plan, but 010-12345678-style numbers are common in forms and demo data, so they pass.
        return local[0] == '0' ? ValueError.Prefix : null;
    }
}
