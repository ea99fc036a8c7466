using Forewarn.Engine.Indicators;

namespace Forewarn.Engine.Tests.Indicators;

public class BlacklistTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc);

    private static IndicatorEntry Entry(
        IndicatorType type, string value, IndicatorStatus status = IndicatorStatus.Confirmed, double confidence = 0.9, DateTime? expires = null) =>
        new(type, value, status, "test", confidence, expires);

    [Fact]
    public void Blacklisted_phone_hits_with_its_status_and_confidence()
    {
        var list = Blacklist.Build([Entry(IndicatorType.Phone, "17012345678", IndicatorStatus.Suspected, 0.6)], Now);

        Assert.True(list.TryMatch(IndicatorType.Phone, "17012345678", out var hit));
        Assert.Equal(new IndicatorHit(IndicatorType.Phone, "17012345678", IndicatorStatus.Suspected, 0.6), hit);
        Assert.True(list.IsBlacklistedPhone("17012345678"));
        Assert.Equal(1, list.Count);
    }

    [Fact]
    public void Unlisted_values_do_not_hit()
    {
        var list = Blacklist.Build([Entry(IndicatorType.Phone, "17012345678"), Entry(IndicatorType.Account, "6222")], Now);

        Assert.False(list.TryMatch(IndicatorType.Phone, "17012345679", out _));
        Assert.False(list.TryMatch(IndicatorType.Account, "17012345678", out _));
        Assert.False(list.TryMatch(IndicatorType.Phone, "6222", out _));
        Assert.False(list.IsBlacklistedPhone("1701234567"));
        Assert.False(list.IsBlacklistedPhone(""));
    }

    [Fact]
    public void Leading_zeros_keep_phone_numbers_apart()
    {
        var list = Blacklist.Build([Entry(IndicatorType.Phone, "02361234567")], Now);

        Assert.True(list.IsBlacklistedPhone("02361234567"));
        Assert.False(list.IsBlacklistedPhone("2361234567"));
        Assert.False(list.IsBlacklistedPhone("002361234567"));
    }

    [Fact]
    public void Phone_values_that_are_not_plain_digits_still_match_exactly()
    {
        var list = Blacklist.Build(
            [Entry(IndicatorType.Phone, "+85212345678"), Entry(IndicatorType.Phone, "1234567890123456789012")], Now);

        Assert.True(list.TryMatch(IndicatorType.Phone, "+85212345678", out _));
        Assert.True(list.IsBlacklistedPhone("+85212345678"));
        Assert.True(list.IsBlacklistedPhone("1234567890123456789012"));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void Whitelisted_value_never_hits_even_when_also_blacklisted()
    {
        IndicatorEntry[] entries =
        [
            Entry(IndicatorType.Phone, "17012345678"),
            Entry(IndicatorType.Phone, "17012345678", IndicatorStatus.Whitelisted),
            Entry(IndicatorType.Account, "6222", IndicatorStatus.Whitelisted),
            Entry(IndicatorType.Account, "6222"),
        ];

        foreach (var order in new[] { entries, entries.Reverse().ToArray() })
        {
            var list = Blacklist.Build(order, Now);

            Assert.False(list.TryMatch(IndicatorType.Phone, "17012345678", out _));
            Assert.False(list.IsBlacklistedPhone("17012345678"));
            Assert.False(list.TryMatch(IndicatorType.Account, "6222", out _));
            Assert.Equal(0, list.Count);
        }
    }

    [Theory]
    [InlineData("96110")]
    [InlineData("95588")]
    [InlineData("110")]
    public void Never_flag_numbers_never_hit_even_when_blacklisted(string number)
    {
        var list = Blacklist.Build([Entry(IndicatorType.Phone, number, IndicatorStatus.Confirmed, 1.0)], Now);

        Assert.False(list.TryMatch(IndicatorType.Phone, number, out _));
        Assert.False(list.IsBlacklistedPhone(number));
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Expired_entries_drop_and_unexpired_ones_stay()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Phone, "17000000001", expires: Now.AddSeconds(-1)),
            Entry(IndicatorType.Phone, "17000000002", expires: Now),
            Entry(IndicatorType.Phone, "17000000003", expires: Now.AddDays(30)),
            Entry(IndicatorType.Url, "https://evil.com/", expires: Now.AddDays(-1)),
        ], Now);

        Assert.False(list.IsBlacklistedPhone("17000000001"));
        Assert.False(list.IsBlacklistedPhone("17000000002"));
        Assert.True(list.IsBlacklistedPhone("17000000003"));
        Assert.False(list.TryMatch(IndicatorType.Url, "https://evil.com/", out _));
        Assert.Equal(1, list.Count);
    }

    [Fact]
    public void Expired_whitelist_entry_no_longer_suppresses()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Phone, "17012345678"),
            Entry(IndicatorType.Phone, "17012345678", IndicatorStatus.Whitelisted, expires: Now.AddHours(-1)),
        ], Now);

        Assert.True(list.IsBlacklistedPhone("17012345678"));
    }

    [Fact]
    public void Duplicates_merge_to_the_strongest_entry()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Phone, "17012345678", IndicatorStatus.Suspected, 0.99),
            Entry(IndicatorType.Phone, "17012345678", IndicatorStatus.Confirmed, 0.7),
            Entry(IndicatorType.Phone, "17012345678", IndicatorStatus.Confirmed, 0.8),
            Entry(IndicatorType.App, "com.fake", IndicatorStatus.Suspected, 0.3),
            Entry(IndicatorType.App, "com.fake", IndicatorStatus.Suspected, 0.5),
        ], Now);

        Assert.True(list.TryMatch(IndicatorType.Phone, "17012345678", out var phone));
        Assert.Equal(IndicatorStatus.Confirmed, phone.Status);
        Assert.Equal(0.8, phone.Confidence);
        Assert.True(list.TryMatch(IndicatorType.App, "com.fake", out var app));
        Assert.Equal(0.5, app.Confidence);
        Assert.Equal(2, list.Count);
    }

    [Theory]
    [InlineData("evil.com")]
    [InlineData("a.evil.com")]
    [InlineData("a.b.evil.com")]
    public void Domain_hits_through_a_blacklisted_parent(string host)
    {
        var list = Blacklist.Build([Entry(IndicatorType.Domain, "evil.com")], Now);

        Assert.True(list.TryMatch(IndicatorType.Domain, host, out var hit));
        Assert.Equal(new IndicatorHit(IndicatorType.Domain, "evil.com", IndicatorStatus.Confirmed, 0.9), hit);
    }

    [Theory]
    [InlineData("notevil.com")]
    [InlineData("evil.com.cn")]
    [InlineData("com")]
    [InlineData("evil.co")]
    public void Domain_does_not_hit_a_lookalike_or_a_child_list_entry(string host)
    {
        var list = Blacklist.Build([Entry(IndicatorType.Domain, "evil.com"), Entry(IndicatorType.Domain, "x.evil.co")], Now);

        Assert.False(list.TryMatch(IndicatorType.Domain, host, out _));
    }

    [Fact]
    public void Parent_walk_stops_at_two_labels()
    {
        var list = Blacklist.Build([Entry(IndicatorType.Domain, "com"), Entry(IndicatorType.Domain, "com.cn")], Now);

        Assert.False(list.TryMatch(IndicatorType.Domain, "evil.com", out _));
        Assert.True(list.TryMatch(IndicatorType.Domain, "com", out _));
        Assert.True(list.TryMatch(IndicatorType.Domain, "shop.com.cn", out var hit));
        Assert.Equal("com.cn", hit.Value);
    }

    [Fact]
    public void Whitelisted_sub_domain_masks_a_blacklisted_parent()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Domain, "cloud.com"),
            Entry(IndicatorType.Domain, "bank.cloud.com", IndicatorStatus.Whitelisted),
            Entry(IndicatorType.Domain, "evil.bank.cloud.com"),
        ], Now);

        Assert.False(list.TryMatch(IndicatorType.Domain, "www.bank.cloud.com", out _));
        Assert.True(list.TryMatch(IndicatorType.Domain, "x.evil.bank.cloud.com", out var hit));
        Assert.Equal("evil.bank.cloud.com", hit.Value);
        Assert.True(list.TryMatch(IndicatorType.Domain, "other.cloud.com", out _));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void Url_hits_on_its_own_entry_or_through_its_host()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Url, "https://shop.example/pay?id=1"),
            Entry(IndicatorType.Domain, "evil.com", IndicatorStatus.Suspected, 0.4),
            Entry(IndicatorType.Ip, "203.0.113.7"),
        ], Now);

        Assert.True(list.TryMatchUrl("https://shop.example/pay?id=1", "shop.example", out var url));
        Assert.Equal(IndicatorType.Url, url.Type);
        Assert.True(list.TryMatchUrl("https://m.evil.com/x", "m.evil.com", out var domain));
        Assert.Equal(new IndicatorHit(IndicatorType.Domain, "evil.com", IndicatorStatus.Suspected, 0.4), domain);
        Assert.True(list.TryMatchUrl("http://203.0.113.7/login", "203.0.113.7", out var ip));
        Assert.Equal(IndicatorType.Ip, ip.Type);
        Assert.False(list.TryMatchUrl("https://shop.example/", "shop.example", out _));
        Assert.False(list.TryMatchUrl("https://m.evil.com/x", null, out _));
        Assert.False(list.TryMatch(IndicatorType.Url, "https://m.evil.com/x", out _));
    }

    [Fact]
    public void Whitelisted_url_masks_a_blacklisted_host()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Domain, "evil.com"),
            Entry(IndicatorType.Url, "https://evil.com/takedown-notice", IndicatorStatus.Whitelisted),
        ], Now);

        Assert.False(list.TryMatchUrl("https://evil.com/takedown-notice", "evil.com", out _));
        Assert.True(list.TryMatchUrl("https://evil.com/pay", "evil.com", out _));
    }

    [Fact]
    public void Empty_blacklist_matches_nothing()
    {
        Assert.Equal(0, Blacklist.Empty.Count);
        Assert.False(Blacklist.Empty.TryMatch(IndicatorType.Phone, "17012345678", out _));
        Assert.False(Blacklist.Empty.TryMatch(IndicatorType.Domain, "a.evil.com", out _));
        Assert.False(Blacklist.Empty.TryMatchUrl("https://evil.com/", "evil.com", out _));
        Assert.False(Blacklist.Empty.IsBlacklistedPhone("17012345678"));
    }

    [Fact]
    public void Empty_values_are_skipped_and_confidence_is_clamped()
    {
        var list = Blacklist.Build(
        [
            Entry(IndicatorType.Phone, ""),
            Entry(IndicatorType.Account, "6222", confidence: 3.5),
            Entry(IndicatorType.Im, "wx_fraud", confidence: double.NaN),
        ], Now);

        Assert.Equal(2, list.Count);
        Assert.True(list.TryMatch(IndicatorType.Account, "6222", out var account));
        Assert.Equal(1.0, account.Confidence);
        Assert.True(list.TryMatch(IndicatorType.Im, "wx_fraud", out var im));
        Assert.Equal(0.0, im.Confidence);
    }

    [Fact]
    public void Phone_table_grows_past_its_first_size_without_losing_entries()
    {
        var numbers = Enumerable.Range(0, 50_000).Select(i => (17_000_000_000L + (i * 7919L)).ToString()).ToList();

        var list = Blacklist.Build(numbers.Select(n => Entry(IndicatorType.Phone, n)), Now);

        Assert.Equal(numbers.Count, list.Count);
        Assert.All(numbers, n => Assert.True(list.IsBlacklistedPhone(n)));
        Assert.False(list.IsBlacklistedPhone("17000000001"));
    }
}
