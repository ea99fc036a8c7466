using System.Globalization;

namespace Forewarn.Engine.Values;

/// <summary>
/// A resident identity card number (居民身份证号码, GB 11643-1999): a 6-digit region code, the 8-digit birth
/// date, a 3-digit sequence whose last digit is odd for men, and an ISO 7064 MOD 11-2 check character.
/// </summary>
public readonly record struct IdNumber
{
    private const int Length = 18;
    private const string CheckCharacters = "10X98765432";

    private readonly string? _value;

    private IdNumber(string value, DateOnly birthDate)
    {
        _value = value;
        BirthDate = birthDate;
    }

    /// <summary>The 18 characters, with an upper-case <c>X</c> check character.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The region code of the place the number was issued (first six digits).</summary>
    public string RegionCode => Value.Length == Length ? Value[..6] : string.Empty;

    /// <summary>The birth date (digits 7–14).</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Whether the holder is a man: the 17th digit is odd for men and even for women.</summary>
    public bool IsMale => Value.Length == Length && (Value[16] - '0') % 2 == 1;

    /// <summary>The number with the birth date and sequence hidden: <c>500112********0043</c>.</summary>
    public string Masked => ValueText.Mask(Value, 6, 4);

    /// <summary>
    /// The holder's age in whole years on <paramref name="day"/>; someone born on 29 February turns a year
    /// older on 1 March in common years. Negative when <paramref name="day"/> is before the birth date.
    /// </summary>
    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return day.Month < BirthDate.Month || (day.Month == BirthDate.Month && day.Day < BirthDate.Day) ? age - 1 : age;
    }

    /// <summary>Parses an ID number, or throws a <see cref="FormatException"/> naming the error code.</summary>
    public static IdNumber Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw ValueText.ParseFailure("ID number", error);

    /// <summary>Parses an ID number; surrounding spaces and a lower-case <c>x</c> are accepted.</summary>
    public static bool TryParse(string? input, out IdNumber value) => TryParse(input, null, out value, out _);

    /// <summary>
    /// Parses an ID number; surrounding spaces and a lower-case <c>x</c> are accepted. On failure
    /// <paramref name="error"/> is <c>missing</c>, <c>format</c>, <c>length</c>, <c>region</c>,
    /// <c>birthdate</c> or <c>checksum</c>.
    /// </summary>
    public static bool TryParse(string? input, out IdNumber value, out string? error) =>
        TryParse(input, null, out value, out error);

    /// <summary>
    /// Parses an ID number as <see cref="TryParse(string?, out IdNumber, out string?)"/> does and, when
    /// <paramref name="today"/> is given, also rejects birth dates after it with <c>birthdate</c>.
    /// </summary>
    public static bool TryParse(string? input, DateOnly? today, out IdNumber value, out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = ValueError.Missing;
            return false;
        }

        var text = input.AsSpan().Trim();
        Span<char> id = stackalloc char[Length];
        for (var i = 0; i < text.Length; i++)
        {
            var digit = ValueText.Digit(text[i]);
            char c;
            if (digit >= 0)
            {
                c = (char)('0' + digit);
            }
            else if (i == text.Length - 1 && text[i] is 'X' or 'x' or '\uFF38' or '\uFF58')
            {
                c = 'X';
            }
            else
            {
                error = ValueError.Format;
                return false;
            }

            if (i < Length)
            {
                id[i] = c;
            }
        }

        if (text.Length != Length)
        {
            error = ValueError.Length;
            return false;
        }

        if (!ValueText.IsProvince(id))
        {
            error = ValueError.Region;
            return false;
        }

        if (!TryReadBirthDate(id[6..14], out var birthDate) || birthDate > today)
        {
            error = ValueError.BirthDate;
            return false;
        }

        if (id[17] != CheckCharacter(id[..17]))
        {
            error = ValueError.Checksum;
            return false;
        }

        error = null;
        value = new IdNumber(ValueText.Reuse(input, id), birthDate);
        return true;
    }

    /// <summary>
    /// Builds a valid ID number from its parts, computing the check character; for generators and demo data.
    /// </summary>
    /// <param name="regionCode6">A six-digit region code whose first two digits are a province code.</param>
    /// <param name="birthDate">A birth date in the years 1900–2100.</param>
    /// <param name="sequence">The sequence number, 0–999; odd for men.</param>
    public static IdNumber Create(string regionCode6, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(regionCode6);
        if (regionCode6.Length != 6 || regionCode6.AsSpan().ContainsAnyExceptInRange('0', '9') || !ValueText.IsProvince(regionCode6))
        {
            throw new ArgumentException("The region code must be six digits starting with a province code.", nameof(regionCode6));
        }

        if (birthDate.Year is < 1900 or > 2100)
        {
            throw new ArgumentOutOfRangeException(nameof(birthDate), birthDate, "The birth year must be within 1900–2100.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);

        Span<char> id = stackalloc char[Length];
        regionCode6.AsSpan().CopyTo(id);
        birthDate.TryFormat(id[6..14], out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        sequence.TryFormat(id[14..17], out _, "D3", CultureInfo.InvariantCulture);
        id[17] = CheckCharacter(id[..17]);
        return new IdNumber(new string(id), birthDate);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static bool TryReadBirthDate(ReadOnlySpan<char> digits, out DateOnly date)
    {
        date = default;
        var year = Number(digits[..4]);
        var month = Number(digits[4..6]);
        var day = Number(digits[6..8]);
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }

    // ISO 7064 MOD 11-2: the weights are 2^(17-i) mod 11 for positions 0–16.
    private static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        ReadOnlySpan<byte> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return CheckCharacters[sum % 11];
    }
}
