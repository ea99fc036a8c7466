using System.Runtime.CompilerServices;

namespace Forewarn.Engine.Values;

/// <summary>Small character and string helpers shared by the value parsers.</summary>
internal static class ValueText
{
    /// <summary>
    /// The ASCII digit for <paramref name="c"/>, also for full-width digits (０–９), which Chinese input
    /// methods produce in copied case files; -1 when <paramref name="c"/> is not a digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Digit(char c)
    {
        if (c is >= '0' and <= '9')
        {
            return c - '0';
        }

        return c is >= '\uFF10' and <= '\uFF19' ? c - '\uFF10' : -1;
    }

    /// <summary>
    /// Returns <paramref name="input"/> itself when it already is the normalised text, so that parsing a
    /// stored <c>Value</c> allocates nothing; otherwise a new string.
    /// </summary>
    public static string Reuse(string input, ReadOnlySpan<char> normalised) =>
        input.AsSpan().SequenceEqual(normalised) ? input : new string(normalised);

    /// <summary>
    /// A GB/T 2260 province-level code (the first two digits of ID numbers and administrative codes):
    /// 11–15 north, 21–23 north-east, 31–37 east, 41–46 south-central, 50–54 south-west, 61–65 north-west,
    /// 71 Taiwan, 81 Hong Kong, 82 Macao.
    /// </summary>
    public static bool IsProvince(int code) => code switch
    {
        >= 11 and <= 15 => true,
        >= 21 and <= 23 => true,
        >= 31 and <= 37 => true,
        >= 41 and <= 46 => true,
        >= 50 and <= 54 => true,
        >= 61 and <= 65 => true,
        71 or 81 or 82 => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="digits"/> starts with a province code; the span holds ASCII digits.</summary>
    public static bool IsProvince(ReadOnlySpan<char> digits) =>
        digits.Length >= 2 && IsProvince(((digits[0] - '0') * 10) + (digits[1] - '0'));

    /// <summary>Replaces all but the first <paramref name="keepStart"/> and last <paramref name="keepEnd"/> characters with stars.</summary>
    public static string Mask(string value, int keepStart, int keepEnd)
    {
        if (value.Length <= keepStart + keepEnd)
        {
            return value;
        }

        return string.Create(value.Length, (value, keepStart, keepEnd), static (span, state) =>
        {
            var (text, start, end) = state;
            text.AsSpan().CopyTo(span);
            span[start..^end].Fill('*');
        });
    }

    /// <summary>The message of the <see cref="FormatException"/> thrown by the types' <c>Parse</c>.</summary>
    public static FormatException ParseFailure(string typeName, string? error) =>
        new($"Invalid {typeName}: {error}.");
}
