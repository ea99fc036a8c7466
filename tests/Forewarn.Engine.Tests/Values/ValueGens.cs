using System.Globalization;
using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

/// <summary>Generators of valid values, written from the rules rather than from the parsers.</summary>
internal static class ValueGens
{
    public static readonly string[] MobilePrefixes3 =
    [
        .. Range(130, 139), .. Range(145, 149), "150", "151", "152", "153", .. Range(155, 159),
        "162", "165", "166", "167", .. Range(170, 178), .. Range(180, 189), .. Range(190, 199),
    ];

    public static readonly string[] Provinces =
    [
        .. Range(11, 15), .. Range(21, 23), .. Range(31, 37), .. Range(41, 46), .. Range(50, 54), .. Range(61, 65),
        "71", "81", "82",
    ];

    public static readonly Gen<string> Digit = Gen.Char["0123456789"].Select(c => c.ToString());

    public static Gen<string> Digits(int count) => Gen.Char["0123456789"].Array[count].Select(a => new string(a));

    public static readonly Gen<string> Mobile =
        Gen.Select(Gen.OneOf(MobilePrefixes3), Digits(8), (p, rest) => p + rest);

    public static readonly Gen<string> RegionCode =
        Gen.Select(Gen.OneOf(Provinces), Digits(4), (p, rest) => p + rest);

    public static readonly Gen<DateOnly> BirthDate = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2100, 12, 31)];

    public static readonly Gen<IdNumber> Id =
        Gen.Select(RegionCode, BirthDate, Gen.Int[0, 999], IdNumber.Create);

    public static readonly Gen<BankCard> Card =
        Gen.Select(Gen.OneOf("4", "51", "62", "622202", "621700", "436742"), Gen.Int[12, 19], Gen.Int, (prefix, length, seed) =>
            BankCard.Create(prefix, length, new Random(seed)));

    private static readonly Gen<char> LabelChar = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"];

    public static readonly Gen<string> Label = Gen.Select(
        LabelChar, Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[0, 10], LabelChar, Gen.Bool,
        (first, middle, last, single) => single ? first.ToString() : first + new string(middle) + last);

    public static readonly Gen<string> Tld = Gen.OneOf("com", "cn", "net", "top", "xyz", "xn--fiqs8s", "c0m");

    public static readonly Gen<string> DomainName =
        Gen.Select(Label.Array[1, 4], Tld, (labels, tld) => string.Join('.', labels) + "." + tld);

    /// <summary>The same text with each ASCII letter in a random case.</summary>
    public static Gen<string> RandomCase(string text) =>
        Gen.Bool.Array[text.Length].Select(upper =>
            string.Concat(text.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c)));

    private static string[] Range(int from, int to) =>
        [.. Enumerable.Range(from, to - from + 1).Select(n => n.ToString(CultureInfo.InvariantCulture))];
}
