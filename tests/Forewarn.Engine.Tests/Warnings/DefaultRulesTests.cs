using Forewarn.Engine.Warnings;
using static Forewarn.Engine.Tests.Warnings.Signals;

namespace Forewarn.Engine.Tests.Warnings;

public class DefaultRulesTests
{
    private const string Fraudster = "17012345678";

    [Fact]
    public void Default_rule_set_has_the_design_rules_with_unique_ids_and_is_valid()
    {
        var ids = RuleSet.Default.Rules.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(RuleSet.Default.Validate());
        Assert.Equal(1, RuleSet.Default.Version);
        Assert.Contains("special.transfer_to_blacklisted_account", ids);
        Assert.Contains("high.long_call", ids);
        Assert.Contains("medium.call_3min", ids);
        Assert.Contains("low.single_contact", ids);
        Assert.All(RuleSet.Default.Rules, r => Assert.StartsWith(RiskLevels.ToWire(r.Level) + ".", r.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Transfer_to_a_blacklisted_account_is_special()
    {
        var result = Evaluate(Transfer("t1", T0, "6222020200112233445", 500_000, blacklisted: true));

        Assert.Equal(RiskLevel.Special, result.Level);
        Assert.Contains("special.transfer_to_blacklisted_account", result.Fired());
    }

    [Fact]
    public void Transfer_to_a_clean_account_alone_raises_nothing()
    {
        var result = Evaluate(Transfer("t1", T0, "6222020200112233445", 500_000));

        Assert.Null(result.Level);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Transfer_59_minutes_after_a_blacklisted_call_is_special()
    {
        var call = Call("c1", T0, Fraudster, 120);
        var transfer = Transfer("t1", T0.AddSeconds(120).AddMinutes(59), "6222000011112222", 1_000_000);

        var result = Evaluate(call, transfer);

        Assert.Equal(RiskLevel.Special, result.Level);
        var reason = result.Reasons[0];
        Assert.Equal("special.transfer_after_blacklisted_call", reason.RuleId);
        Assert.Equal(["c1", "t1"], reason.SignalIds);
        Assert.Equal(
            "transfer 10000.00 yuan to 6222000011112222 59 min after call 120 s with 17012345678 (blacklisted)",
            reason.Facts);
    }

    [Fact]
    public void Transfer_61_minutes_after_a_blacklisted_call_is_not_special()
    {
        var call = Call("c1", T0, Fraudster, 120);
        var transfer = Transfer("t1", T0.AddSeconds(120).AddMinutes(61), "6222000011112222", 1_000_000);

        var result = Evaluate(call, transfer);

        Assert.Equal(RiskLevel.Low, result.Level);
        Assert.DoesNotContain("special.transfer_after_blacklisted_call", result.Fired());
    }

    [Fact]
    public void Transfer_during_a_blacklisted_call_is_special_but_one_before_it_is_not()
    {
        var during = Evaluate(Call("c1", T0, Fraudster, 1200), Transfer("t1", T0.AddMinutes(5), "6222", 100));
        var before = Evaluate(Call("c1", T0, Fraudster, 1200), Transfer("t1", T0.AddMinutes(-1), "6222", 100));

        Assert.Equal(RiskLevel.Special, during.Level);
        Assert.Contains("during call", during.Reasons[0].Facts, StringComparison.Ordinal);
        Assert.Equal(RiskLevel.High, before.Level);
    }

    [Fact]
    public void Transfer_after_a_call_with_a_clean_number_is_not_special()
    {
        var result = Evaluate(Call("c1", T0, "13800000000", 120, blacklisted: false), Transfer("t1", T0.AddMinutes(5), "6222", 100));

        Assert.Null(result.Level);
    }

    [Fact]
    public void Upstream_clue_marked_special_or_urgent_is_special()
    {
        var special = Evaluate(Clue("k1", T0, RiskLevel.Special));
        var urgent = Evaluate(Clue("k1", T0, RiskLevel.Low, urgent: true));

        Assert.Equal(RiskLevel.Special, special.Level);
        Assert.Equal(["special.upstream_clue"], special.Fired());
        Assert.Equal(RiskLevel.Special, urgent.Level);
        Assert.Equal(["special.upstream_clue"], urgent.Fired());
        Assert.Equal("upstream clue low, urgent", urgent.Reasons[0].Facts);
    }

    [Theory]
    [InlineData(RiskLevel.High, "high.upstream_clue")]
    [InlineData(RiskLevel.Medium, "medium.upstream_clue")]
    [InlineData(RiskLevel.Low, "low.upstream_clue")]
    public void Upstream_clue_keeps_its_grade(RiskLevel level, string rule)
    {
        var result = Evaluate(Clue("k1", T0, level));

        Assert.Equal(level, result.Level);
        Assert.Equal([rule], result.Fired());
    }

    [Fact]
    public void Ungraded_clue_that_is_not_urgent_raises_nothing()
    {
        Assert.Null(Evaluate(Clue("k1", T0, null)).Level);
    }

    [Fact]
    public void Screen_sharing_with_a_blacklisted_party_is_special_and_with_a_clean_one_is_not()
    {
        Assert.Equal(RiskLevel.Special, Evaluate(ScreenShare("s1", T0, "wx_fraud")).Level);
        Assert.Null(Evaluate(ScreenShare("s1", T0, "wx_friend", blacklisted: false)).Level);
    }

    [Fact]
    public void Call_of_600_seconds_with_a_blacklisted_number_is_high()
    {
        var result = Evaluate(Call("c1", T0, Fraudster, 600));

        Assert.Equal(RiskLevel.High, result.Level);
        Assert.Equal(["high.long_call", "medium.call_3min", "low.single_contact"], result.Fired());
    }

    [Fact]
    public void Call_of_599_seconds_with_a_blacklisted_number_is_only_medium()
    {
        var result = Evaluate(Call("c1", T0, Fraudster, 599));

        Assert.Equal(RiskLevel.Medium, result.Level);
        Assert.DoesNotContain("high.long_call", result.Fired());
    }

    [Fact]
    public void Long_call_with_a_clean_number_raises_nothing()
    {
        Assert.Null(Evaluate(Call("c1", T0, "13800000000", 3600, blacklisted: false)).Level);
    }

    [Fact]
    public void Installing_a_blacklisted_app_is_high_and_a_clean_app_is_nothing()
    {
        var result = Evaluate(App("a1", T0, "com.fake.invest"));

        Assert.Equal(RiskLevel.High, result.Level);
        Assert.Equal(["high.blacklisted_app"], result.Fired());
        Assert.Null(Evaluate(App("a1", T0, "com.tencent.mm", blacklisted: false)).Level);
    }

    [Fact]
    public void Blacklisted_url_after_a_blacklisted_sms_is_high()
    {
        var result = Evaluate(Sms("m1", T0, Fraudster), Url("u1", T0.AddHours(3), "https://evil.com/pay"));

        Assert.Equal(RiskLevel.High, result.Level);
        var reason = result.Reasons[0];
        Assert.Equal("high.url_after_contact", reason.RuleId);
        Assert.Equal(["m1", "u1"], reason.SignalIds);
        Assert.Equal("visited https://evil.com/pay (blacklisted) after sms from 17012345678 (blacklisted)", reason.Facts);
    }

    [Fact]
    public void Blacklisted_url_before_any_blacklisted_contact_is_not_high()
    {
        var result = Evaluate(Url("u1", T0, "https://evil.com/pay"), Sms("m1", T0.AddMinutes(1), Fraudster));

        Assert.Equal(RiskLevel.Low, result.Level);
    }

    [Fact]
    public void Blacklisted_url_alone_raises_nothing()
    {
        Assert.Null(Evaluate(Url("u1", T0, "https://evil.com/pay")).Level);
    }

    [Fact]
    public void Call_of_180_seconds_with_a_blacklisted_number_is_medium()
    {
        var result = Evaluate(Call("c1", T0, Fraudster, 180));

        Assert.Equal(RiskLevel.Medium, result.Level);
        Assert.Equal(["medium.call_3min", "low.single_contact"], result.Fired());
    }

    [Fact]
    public void Call_of_179_seconds_with_a_blacklisted_number_is_low()
    {
        var result = Evaluate(Call("c1", T0, Fraudster, 179));

        Assert.Equal(RiskLevel.Low, result.Level);
        Assert.Equal(["low.single_contact"], result.Fired());
        Assert.Equal("call 179 s with 17012345678 (blacklisted)", result.Reasons[0].Facts);
    }

    [Fact]
    public void Three_distinct_blacklisted_numbers_within_24_hours_are_medium()
    {
        var result = Evaluate(
            Sms("m1", T0, "17000000001"),
            Call("c2", T0.AddHours(12), "17000000002", 20),
            Sms("m3", T0.AddHours(24), "17000000003"));

        Assert.Equal(RiskLevel.Medium, result.Level);
        var reason = result.Reasons[0];
        Assert.Equal("medium.distinct_contacts", reason.RuleId);
        Assert.Equal(["m1", "c2", "m3"], reason.SignalIds);
        Assert.Equal("3 distinct blacklisted numbers within 24 h: 17000000001, 17000000002, 17000000003", reason.Facts);
    }

    [Fact]
    public void Three_distinct_blacklisted_numbers_spread_over_25_hours_are_low()
    {
        var result = Evaluate(
            Sms("m1", T0, "17000000001"),
            Call("c2", T0.AddHours(12), "17000000002", 20),
            Sms("m3", T0.AddHours(25), "17000000003"));

        Assert.Equal(RiskLevel.Low, result.Level);
        Assert.DoesNotContain("medium.distinct_contacts", result.Fired());
    }

    [Fact]
    public void Repeated_contacts_from_two_blacklisted_numbers_are_not_three_distinct()
    {
        var result = Evaluate(
            Sms("m1", T0, "17000000001"),
            Sms("m2", T0.AddHours(1), "17000000002"),
            Sms("m3", T0.AddHours(2), "17000000001"),
            Sms("m4", T0.AddHours(3), "17000000002"));

        Assert.Equal(RiskLevel.Low, result.Level);
        Assert.Equal("sms from 17000000001 (blacklisted) (+3 more)", result.Reasons[0].Facts);
    }

    [Fact]
    public void Single_sms_from_a_blacklisted_number_is_low()
    {
        var result = Evaluate(Sms("m1", T0, Fraudster));

        Assert.Equal(RiskLevel.Low, result.Level);
        Assert.Equal(["low.single_contact"], result.Fired());
        Assert.Equal(["m1"], result.Reasons[0].SignalIds);
    }

    [Fact]
    public void Sms_from_a_clean_number_raises_nothing()
    {
        Assert.Null(Evaluate(Sms("m1", T0, "13800000000", blacklisted: false)).Level);
    }
}
