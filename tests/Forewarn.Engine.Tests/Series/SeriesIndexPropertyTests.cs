using CsCheck;
using Forewarn.Engine.Series;

namespace Forewarn.Engine.Tests.Series;

public sealed class SeriesIndexPropertyTests
{
    private static readonly string[] Pool = [.. Enumerable.Range(0, 12).Select(i => $"phone:1701234{i:D4}")];

    private static readonly Gen<(long CaseId, IReadOnlyList<string> Keys)> GenCase = Gen.Select(
        Gen.Long[1, 25],
        Gen.Int[0, Pool.Length - 1].Array[0, 4],
        (id, keys) => (id, (IReadOnlyList<string>)[.. keys.Select(k => Pool[k])]));

    private static readonly Gen<((long CaseId, IReadOnlyList<string> Keys)[] Cases, int Cap, string[] NeverLink, int Seed)> GenData = Gen.Select(
        GenCase.Array[0, 40],
        Gen.Int[1, 6],
        Gen.Int[0, Pool.Length - 1].Array[0, 2],
        Gen.Int,
        (cases, cap, never, seed) => (cases, cap, never.Select(k => Pool[k]).ToArray(), seed));

    [Fact]
    public void Adding_cases_one_by_one_in_any_order_equals_the_full_rebuild()
    {
        GenData.Sample(data =>
        {
            var built = SeriesIndex.Build(data.Cases, data.Cap, data.NeverLink);
            var order = data.Cases.ToArray();
            new Random(data.Seed).Shuffle(order);
            var incremental = new SeriesIndex(data.Cap, data.NeverLink);
            foreach (var (caseId, keys) in order)
            {
                incremental.Add(caseId, keys);
            }

            AssertSame(built, incremental, data.Cases);
        });
    }

    [Fact]
    public void The_full_rebuild_links_the_connected_components_of_uncapped_shared_keys()
    {
        GenData.Sample(data =>
        {
            var index = SeriesIndex.Build(data.Cases, data.Cap, data.NeverLink);
            var keysOf = data.Cases.GroupBy(c => c.CaseId).ToDictionary(g => g.Key, g => g.SelectMany(c => c.Keys).ToHashSet());
            var counts = keysOf.Values.SelectMany(k => k).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
            var linking = counts.Where(c => c.Value >= 2 && c.Value <= data.Cap && !data.NeverLink.Contains(c.Key)).Select(c => c.Key).ToHashSet();

            foreach (var caseId in keysOf.Keys)
            {
                var component = new HashSet<long> { caseId };
                var frontier = new Queue<long>([caseId]);
                while (frontier.TryDequeue(out var c))
                {
                    foreach (var other in keysOf.Keys.Where(o => keysOf[o].Overlaps(keysOf[c].Where(linking.Contains))))
                    {
                        if (component.Add(other))
                        {
                            frontier.Enqueue(other);
                        }
                    }
                }

                Assert.Equal(component.Min(), index.SeriesOf(caseId));
                Assert.Equal(component.Order(), index.CasesOf(component.Min()));
            }

            var capped = counts.Where(c => c.Value > data.Cap && !data.NeverLink.Contains(c.Key)).Select(c => (c.Key, c.Value)).ToHashSet();
            Assert.Equal(capped, index.CappedIndicators.ToHashSet());
        });
    }

    [Fact]
    public void Adding_a_case_again_changes_nothing()
    {
        Gen.Select(GenData, Gen.Int[0, 39]).Sample((data, pick) =>
        {
            var index = SeriesIndex.Build(data.Cases, data.Cap, data.NeverLink);
            var again = SeriesIndex.Build(data.Cases, data.Cap, data.NeverLink);
            foreach (var (caseId, keys) in data.Cases.Take(pick + 1))
            {
                again.Add(caseId, keys);
            }

            AssertSame(index, again, data.Cases);
        });
    }

    [Fact]
    public void The_build_from_key_numbers_and_adding_numbers_one_by_one_equal_the_build_from_strings()
    {
        GenData.Sample(data =>
        {
            var byText = SeriesIndex.Build(data.Cases, data.Cap, data.NeverLink);
            var never = data.NeverLink.ToHashSet();
            var merged = data.Cases.GroupBy(c => c.CaseId)
                .Select(g => (CaseId: g.Key, Keys: g.SelectMany(c => c.Keys).Where(k => !never.Contains(k)).Select(k => Array.IndexOf(Pool, k)).ToArray()))
                .ToArray();
            var starts = new int[merged.Length + 1];
            for (var i = 0; i < merged.Length; i++)
            {
                starts[i + 1] = starts[i] + merged[i].Keys.Length;
            }

            var built = SeriesIndex.Build([.. merged.Select(c => c.CaseId)], starts, [.. merged.SelectMany(c => c.Keys)], data.Cap);
            var order = data.Cases.ToArray();
            new Random(data.Seed).Shuffle(order);
            var incremental = SeriesIndex.Build([], [0], [], data.Cap);
            foreach (var (caseId, keys) in order)
            {
                incremental.AddKeys(caseId, [.. keys.Where(k => !never.Contains(k)).Select(k => Array.IndexOf(Pool, k))]);
            }

            // Half the cases built in id order (as the server reads them, found by binary search), then the rest added in
            // any order, some below the largest id held (so the index files its cases in a hash table from then on).
            var sorted = merged.OrderBy(c => c.CaseId).ToArray();
            var half = sorted[..(sorted.Length / 2)];
            var halfStarts = new int[half.Length + 1];
            for (var i = 0; i < half.Length; i++)
            {
                halfStarts[i + 1] = halfStarts[i] + half[i].Keys.Length;
            }

            var ascending = SeriesIndex.Build([.. half.Select(c => c.CaseId)], halfStarts, [.. half.SelectMany(c => c.Keys)], data.Cap);
            foreach (var (caseId, keys) in order.Where(c => !ascending.Contains(c.CaseId) || c.CaseId % 2 == 0).ToArray())
            {
                ascending.AddKeys(caseId, [.. keys.Where(k => !never.Contains(k)).Select(k => Array.IndexOf(Pool, k))]);
            }

            foreach (var numbered in new[] { built, incremental, ascending })
            {
                Assert.Equal(byText.CaseCount, numbered.CaseCount);
                Assert.Equal(byText.Series(minCases: 1), numbered.Series(minCases: 1));
                foreach (var (seriesId, _) in byText.Series(minCases: 1))
                {
                    Assert.Equal(byText.LinkingIndicators(seriesId), numbered.LinkingKeys(seriesId).Select(k => Pool[k]).Order(StringComparer.Ordinal));
                }

                Assert.Equal(byText.CappedIndicators.ToHashSet(), numbered.CappedKeys.Select(c => (Pool[c.Key], c.Cases)).ToHashSet());
            }
        });
    }

    [Fact]
    public void A_build_from_key_numbers_refuses_a_repeated_case_or_a_negative_key()
    {
        Assert.Throws<ArgumentException>(() => SeriesIndex.Build([1L, 1L], [0, 1, 2], [5, 5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeriesIndex.Build([1L], [0, 1], [-1]));
        Assert.Throws<ArgumentException>(() => SeriesIndex.Build([1L], [0, 2], [5]));
        Assert.Throws<InvalidOperationException>(() => SeriesIndex.Build([1L], [0, 1], [5]).LinkingIndicators(1));
    }

    private static void AssertSame(SeriesIndex expected, SeriesIndex actual, IEnumerable<(long CaseId, IReadOnlyList<string> Keys)> cases)
    {
        Assert.Equal(expected.CaseCount, actual.CaseCount);
        foreach (var (caseId, _) in cases)
        {
            Assert.Equal(expected.SeriesOf(caseId), actual.SeriesOf(caseId));
        }

        var series = expected.Series(minCases: 1).ToList();
        Assert.Equal(series, actual.Series(minCases: 1));
        foreach (var (seriesId, _) in series)
        {
            Assert.Equal(expected.CasesOf(seriesId), actual.CasesOf(seriesId));
            Assert.Equal(expected.LinkingIndicators(seriesId), actual.LinkingIndicators(seriesId));
        }

        Assert.Equal(expected.CappedIndicators, actual.CappedIndicators);
    }
}
