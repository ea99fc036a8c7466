namespace Forewarn.Engine.Values;

/// <summary>
/// An administrative division code: a GB/T 2260 six-digit code for a province, city or county
/// (<c>500000</c> 重庆市, <c>500112</c> 渝北区), a nine-digit NBS code for a street or town (<c>500112001</c>),
/// or a twelve-digit code for a village, community or grid.
/// </summary>
public readonly record struct AdminCode
{
    private readonly string? _value;

    private AdminCode(string value) => _value = value;

    /// <summary>The digits of the code.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The number of digits: 6, 9 or 12.</summary>
    public int Length => Value.Length;

    /// <summary>The province-level code, the first two digits (<c>50</c> for Chongqing).</summary>
    public string ProvinceCode => Value.Length >= 2 ? Value[..2] : string.Empty;

    /// <summary>The county-level code, the first six digits (<c>500112</c>).</summary>
    public string CountyCode => Value.Length >= 6 ? Value[..6] : string.Empty;

    /// <summary>
    /// Whether this division is <paramref name="other"/> or one of its ancestors. In a six-digit code trailing
    /// zero pairs mean "the whole level above": <c>500000</c> contains every code starting <c>50</c>,
    /// <c>500100</c> every code starting <c>5001</c>.
    /// </summary>
    public bool Contains(AdminCode other)
    {
        if (_value is null || other._value is null)
        {
            return false;
        }

        var prefix = _value.AsSpan(0, SignificantLength(_value));
        return other._value.AsSpan().StartsWith(prefix);
    }

    /// <summary>Parses a code, or throws a <see cref="FormatException"/> naming the error code.</summary>
    public static AdminCode Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw ValueText.ParseFailure("administrative code", error);

    /// <summary>Parses a 6-, 9- or 12-digit code; surrounding spaces are accepted.</summary>
    public static bool TryParse(string? input, out AdminCode value) => TryParse(input, out value, out _);

    /// <summary>
    /// Parses a 6-, 9- or 12-digit code; surrounding spaces are accepted. On failure <paramref name="error"/>
    /// is <c>missing</c>, <c>format</c>, <c>length</c> or <c>region</c>.
    /// </summary>
    public static bool TryParse(string? input, out AdminCode value, out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = ValueError.Missing;
            return false;
        }

        var text = input.AsSpan().Trim();
        Span<char> code = stackalloc char[12];
        for (var i = 0; i < text.Length; i++)
        {
            var digit = ValueText.Digit(text[i]);
            if (digit < 0)
            {
                error = ValueError.Format;
                return false;
            }

            if (i < code.Length)
            {
                code[i] = (char)('0' + digit);
            }
        }

        if (text.Length is not (6 or 9 or 12))
        {
            error = ValueError.Length;
            return false;
        }

        code = code[..text.Length];
        if (!ValueText.IsProvince(code))
        {
            error = ValueError.Region;
            return false;
        }

        error = null;
        value = new AdminCode(ValueText.Reuse(input, code));
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static int SignificantLength(string code)
    {
        if (code.Length != 6)
        {
            return code.Length;
        }

        if (code.AsSpan(2).SequenceEqual("0000"))
        {
            return 2;
        }

        return code.AsSpan(4).SequenceEqual("00") ? 4 : 6;
    }
}
