using Forewarn.Engine.Series;

namespace Forewarn.Engine.Tests.Series;

public sealed class SeriesIndexTests
{
    private const string PhoneX = "phone:17012345678";
    private const string AccountY = "account:6217000011112222333";
    private const string Url = "url:http://pay.example-fraud.cn/login";

    [Fact]
    public void A_chain_of_shared_indicators_links_its_cases_transitively()
    {
        var index = new SeriesIndex();
        index.Add(30, [PhoneX]);
        index.Add(20, [PhoneX, AccountY]);
        index.Add(10, [AccountY]);
        index.Add(40, [Url]);

        Assert.Equal(10, index.SeriesOf(30));
        Assert.Equal(10, index.SeriesOf(20));
        Assert.Equal(10, index.SeriesOf(10));
        Assert.Equal(40, index.SeriesOf(40));
        Assert.Equal([10L, 20, 30], index.CasesOf(10));
        Assert.Equal([AccountY, PhoneX], index.LinkingIndicators(10));
        Assert.Equal([(10L, (IReadOnlyList<long>)[10L, 20, 30])], index.Series());
    }

    [Fact]
    public void Two_series_join_when_a_later_case_shares_a_key_with_each()
    {
        var index = new SeriesIndex();
        index.Add(1, [PhoneX]);
        index.Add(2, [PhoneX]);
        index.Add(3, [AccountY]);
        index.Add(4, [AccountY]);
        Assert.Equal(2, index.Series().Count());

        index.Add(5, [PhoneX, AccountY]);

        Assert.Equal([1L, 2, 3, 4, 5], Assert.Single(index.Series()).Cases);
    }

    [Fact]
    public void Adding_more_keys_to_a_case_already_held_links_it_further()
    {
        var index = new SeriesIndex();
        index.Add(7, [PhoneX]);
        index.Add(8, [AccountY]);
        Assert.NotEqual(index.SeriesOf(7), index.SeriesOf(8));

        index.Add(7, [AccountY]);

        Assert.Equal(7, index.SeriesOf(8));
    }

    [Fact]
    public void A_value_shared_by_more_cases_than_the_cap_links_nothing()
    {
        var index = SeriesIndex.Build([(1, [PhoneX]), (2, [PhoneX]), (3, [PhoneX]), (4, [PhoneX])], cap: 3);

        Assert.Empty(index.Series());
        Assert.All(new long[] { 1, 2, 3, 4 }, c => Assert.Equal(c, index.SeriesOf(c)));
        Assert.Equal([(PhoneX, 4)], index.CappedIndicators);
        Assert.Empty(index.LinkingIndicators(1));
    }

    [Fact]
    public void A_value_at_the_cap_still_links()
    {
        var index = SeriesIndex.Build([(1, [PhoneX]), (2, [PhoneX]), (3, [PhoneX])], cap: 3);

        Assert.Equal([1L, 2, 3], index.CasesOf(1));
        Assert.Empty(index.CappedIndicators);
    }

    [Fact]
    public void A_value_that_crosses_the_cap_splits_the_series_it_alone_had_joined()
    {
        var index = new SeriesIndex(cap: 3);
        index.Add(1, [PhoneX, AccountY]);
        index.Add(2, [AccountY]);
        index.Add(3, [PhoneX, Url]);
        index.Add(4, [Url]);
        index.Add(5, [PhoneX]);
        Assert.Equal([1L, 2, 3, 4, 5], index.CasesOf(1));

        index.Add(6, [PhoneX]);

        Assert.Equal(
            [(1L, (IReadOnlyList<long>)[1L, 2]), (3L, (IReadOnlyList<long>)[3L, 4])],
            index.Series());
        Assert.Equal(5, index.SeriesOf(5));
        Assert.Equal(6, index.SeriesOf(6));
        Assert.Equal([AccountY], index.LinkingIndicators(1));
        Assert.Equal([Url], index.LinkingIndicators(3));
        Assert.Equal([(PhoneX, 4)], index.CappedIndicators);
    }

    [Fact]
    public void A_capped_value_keeps_its_count_as_more_cases_share_it()
    {
        var index = new SeriesIndex(cap: 1);
        for (var c = 1; c <= 5; c++)
        {
            index.Add(c, [PhoneX]);
        }

        Assert.Equal([(PhoneX, 5)], index.CappedIndicators);
        Assert.Empty(index.Series());
    }

    [Fact]
    public void Never_link_values_do_not_link_and_are_not_listed_as_capped()
    {
        var index = SeriesIndex.Build([(1, ["phone:96110", "phone:95588"]), (2, ["phone:96110"]), (3, ["phone:95588", Url]), (4, [Url])],
            neverLink: ["phone:96110", "phone:95588"]);

        Assert.Equal([(3L, (IReadOnlyList<long>)[3L, 4])], index.Series());
        Assert.Equal([Url], index.LinkingIndicators(3));
        Assert.Empty(index.CappedIndicators);
    }

    [Fact]
    public void A_case_added_without_keys_is_a_series_of_its_own()
    {
        var index = new SeriesIndex();
        index.Add(9, []);

        Assert.Equal(9, index.SeriesOf(9));
        Assert.Equal([9L], index.CasesOf(9));
        Assert.Empty(index.Series());
        Assert.Equal([(9L, (IReadOnlyList<long>)[9L])], index.Series(minCases: 1));
    }

    [Fact]
    public void Only_a_series_smallest_case_is_its_id()
    {
        var index = SeriesIndex.Build([(5, [PhoneX]), (6, [PhoneX])]);

        Assert.Empty(index.CasesOf(6));
        Assert.Empty(index.LinkingIndicators(6));
        Assert.Empty(index.CasesOf(404));
    }

    [Fact]
    public void The_series_of_an_unknown_case_is_not_found()
    {
        Assert.Throws<KeyNotFoundException>(() => new SeriesIndex().SeriesOf(1));
    }

    [Fact]
    public void An_empty_key_or_a_cap_below_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SeriesIndex().Add(1, [""]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeriesIndex(cap: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeriesIndex().Series(minCases: 0));
    }

    [Fact]
    public void A_key_repeated_within_one_case_counts_once()
    {
        var index = SeriesIndex.Build([(1, [PhoneX, PhoneX]), (2, [PhoneX])], cap: 2);

        Assert.Equal([1L, 2], index.CasesOf(1));
        Assert.Empty(index.CappedIndicators);
    }
}
