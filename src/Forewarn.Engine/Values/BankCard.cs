namespace Forewarn.Engine.Values;

/// <summary>
/// A bank card number (银行卡号): 12–19 digits whose last digit is a Luhn check digit. Accounts that are not
/// cards (e.g. corporate settlement accounts) have no check digit and are kept as free text elsewhere.
/// </summary>
public readonly record struct BankCard
{
    private const int MinLength = 12;
    private const int MaxLength = 19;

    private readonly string? _value;

    private BankCard(string value) => _value = value;

    /// <summary>The digits of the card number.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// The number with its middle hidden: the issuer prefix (first six digits) and last four stay,
    /// stars fill the rest, e.g. <c>622202******1234</c>.
    /// </summary>
    public string Masked => ValueText.Mask(Value, 6, 4);

    /// <summary>Parses a card number, or throws a <see cref="FormatException"/> naming the error code.</summary>
    public static BankCard Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw ValueText.ParseFailure("bank card number", error);

    /// <summary>Parses a card number; spaces and dashes between digits are dropped.</summary>
    public static bool TryParse(string? input, out BankCard value) => TryParse(input, out value, out _);

    /// <summary>
    /// Parses a card number; spaces and dashes between digits are dropped. On failure
    /// <paramref name="error"/> is <c>missing</c>, <c>format</c>, <c>length</c> or <c>checksum</c>.
    /// </summary>
    public static bool TryParse(string? input, out BankCard value, out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = ValueError.Missing;
            return false;
        }

        Span<char> digits = stackalloc char[MaxLength];
        var count = 0;
        foreach (var c in input)
        {
            var digit = ValueText.Digit(c);
            if (digit >= 0)
            {
                if (count < MaxLength)
                {
                    digits[count] = (char)('0' + digit);
                }

                count++;
            }
            else if (!char.IsWhiteSpace(c) && c is not ('-' or '\uFF0D'))
            {
                error = ValueError.Format;
                return false;
            }
        }

        if (count is < MinLength or > MaxLength)
        {
            error = ValueError.Length;
            return false;
        }

        var number = digits[..count];
        if (LuhnSum(number, doubleLast: false) % 10 != 0)
        {
            error = ValueError.Checksum;
            return false;
        }

        error = null;
        value = new BankCard(ValueText.Reuse(input, number));
        return true;
    }

    /// <summary>
    /// Makes a Luhn-valid card number of <paramref name="length"/> digits starting with
    /// <paramref name="prefix"/> (e.g. an issuer prefix such as <c>622202</c>); for generators and demo data.
    /// </summary>
    public static BankCard Create(string prefix, int length, Random random)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        if (prefix.Length >= length || prefix.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("The prefix must be digits, shorter than the card number.", nameof(prefix));
        }

        Span<char> digits = stackalloc char[length];
        prefix.AsSpan().CopyTo(digits);
        for (var i = prefix.Length; i < length - 1; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        var payload = digits[..^1];
        digits[^1] = (char)('0' + ((10 - (LuhnSum(payload, doubleLast: true) % 10)) % 10));
        return new BankCard(new string(digits));
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    // Luhn: from the right, every second digit is doubled (its digits summed). A full number is valid when the
    // sum is a multiple of ten; for a number still missing its check digit the doubling starts at the last digit.
    private static int LuhnSum(ReadOnlySpan<char> digits, bool doubleLast)
    {
        var sum = 0;
        var doubled = doubleLast;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
            doubled = !doubled;
        }

        return sum;
    }
}
