using CsCheck;
using Forewarn.Engine.Indicators;

namespace Forewarn.Engine.Tests.Indicators;

public class BlacklistPropertyTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc);

    private static readonly (IndicatorType Type, string Value)[] Pool =
    [
        (IndicatorType.Phone, "17012345678"),
        (IndicatorType.Phone, "017012345678"),
        (IndicatorType.Phone, "95588"),
        (IndicatorType.Phone, "110"),
        (IndicatorType.Phone, "+8613800000000"),
        (IndicatorType.Account, "6222020200112233445"),
        (IndicatorType.Account, "17012345678"),
        (IndicatorType.Im, "wx_fraud"),
        (IndicatorType.Domain, "evil.com"),
        (IndicatorType.Domain, "a.evil.com"),
        (IndicatorType.Domain, "b.a.evil.com"),
        (IndicatorType.Domain, "com"),
        (IndicatorType.Domain, "good.com"),
        (IndicatorType.Domain, "x.good.com"),
    ];

    private static readonly double[] Confidences = [0.25, 0.5, 0.75, 0.9, 1.0];

    private static readonly Gen<IndicatorEntry> GenEntry = Gen.Select(
        Gen.Int[0, Pool.Length - 1],
        Gen.Enum<IndicatorStatus>(),
        Gen.Int[0, Confidences.Length - 1],
        Gen.Int[-1, 1],
        (i, status, c, expiry) => new IndicatorEntry(
            Pool[i].Type,
            Pool[i].Value,
            status,
            "test",
            Confidences[c],
            expiry switch { < 0 => Now.AddHours(-1), 0 => null, _ => Now.AddHours(1) }));

    [Fact]
    public void TryMatch_agrees_with_a_naive_HashSet_model()
    {
        GenEntry.Array[0, 40].Sample(entries =>
        {
            var live = entries.Where(e => e.ExpiresAtUtc is not { } x || x > Now).ToList();
            var whitelisted = live.Where(e => e.Status == IndicatorStatus.Whitelisted).Select(e => (e.Type, e.Value)).ToHashSet();
            var blacklisted = live
                .Where(e => e.Status != IndicatorStatus.Whitelisted && !NeverFlag.Contains(e.Type, e.Value))
                .Select(e => (e.Type, e.Value))
                .ToHashSet();
            var listed = new HashSet<(IndicatorType, string)>(whitelisted.Concat(blacklisted));

            var list = Blacklist.Build(entries.Select(e => e), Now);

            foreach (var (type, value) in Pool)
            {
                var key = type == IndicatorType.Domain ? Decider(value, listed) : value;
                var candidate = (type, key ?? "");
                var expected = key is not null && blacklisted.Contains(candidate) && !whitelisted.Contains(candidate);
                var matched = list.TryMatch(type, value, out var hit);

                Assert.True(expected == matched, $"{type} {value}: expected {expected}");
                if (type == IndicatorType.Phone)
                {
                    Assert.Equal(expected, list.IsBlacklistedPhone(value));
                }

                if (expected)
                {
                    var best = live
                        .Where(e => (e.Type, e.Value) == candidate)
                        .OrderByDescending(e => e.Status)
                        .ThenByDescending(e => e.Confidence)
                        .First();
                    Assert.Equal(new IndicatorHit(type, candidate.Item2, best.Status, best.Confidence), hit);
                }
            }

            Assert.Equal(blacklisted.Count(b => !whitelisted.Contains(b)), list.Count);
        }, iter: 3000);
    }

    private static string? Decider(string host, HashSet<(IndicatorType, string)> listed)
    {
        // The most specific listed suffix of at least two labels (or the host itself) decides.
        var labels = host.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var suffix = string.Join('.', labels[i..]);
            if ((i == 0 || labels.Length - i >= 2) && listed.Contains((IndicatorType.Domain, suffix)))
            {
                return suffix;
            }
        }

        return null;
    }

    [Fact]
    public void Phone_lookups_agree_with_a_HashSet_on_random_numbers()
    {
        var genNumber = Gen.Select(Gen.Int[1, 18], Gen.Long[0, long.MaxValue], (digits, n) =>
            (n % (long)Math.Pow(10, Math.Min(digits, 18))).ToString().PadLeft(digits, '0'));

        Gen.Select(genNumber.Array[0, 3000], genNumber.Array[0, 300]).Sample((members, others) =>
        {
            var model = members.ToHashSet(StringComparer.Ordinal);
            model.ExceptWith(NeverFlag.Phones.Keys);

            var list = Blacklist.Build(
                members.Select(m => new IndicatorEntry(IndicatorType.Phone, m, IndicatorStatus.Suspected, "t", 0.5, null)), Now);

            Assert.Equal(model.Count, list.Count);
            foreach (var number in members.Concat(others))
            {
                Assert.Equal(model.Contains(number), list.IsBlacklistedPhone(number));
                Assert.Equal(model.Contains(number), list.TryMatch(IndicatorType.Phone, number, out _));
            }
        }, iter: 200);
    }
}
