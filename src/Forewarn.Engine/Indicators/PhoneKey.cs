using System.Runtime.CompilerServices;

namespace Forewarn.Engine.Indicators;

/// <summary>
/// Encodes a digit string of 1 to 18 digits as <c>10^length + value</c>, so that leading zeros survive
/// (<c>023…</c> and <c>23…</c> differ) and no key is ever 0, which the phone table uses as "empty".
/// </summary>
internal static class PhoneKey
{
    public const int MaxDigits = 18;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryEncode(ReadOnlySpan<char> digits, out long key)
    {
        key = 1;
        if (digits.IsEmpty || digits.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var d = (uint)(c - '0');
            if (d > 9)
            {
                key = 0;
                return false;
            }

            key = (key * 10) + d;
        }

        return true;
    }
}
