using Forewarn.Engine.Warnings;
using static Forewarn.Engine.Tests.Warnings.Signals;

namespace Forewarn.Engine.Tests.Warnings;

public class ClassifierTests
{
    private const string Fraudster = "17012345678";

    [Fact]
    public void Nothing_fired_means_no_level_and_no_reasons()
    {
        var result = Evaluate();

        Assert.Null(result.Level);
        Assert.Empty(result.Reasons);
        Assert.Equal(RuleSet.Default.Version, result.RuleSetVersion);
    }

    [Fact]
    public void Highest_level_wins_and_every_fired_rule_is_listed_highest_first()
    {
        var result = Evaluate(
            Transfer("t1", T0.AddMinutes(40), "6222000011112222", 2_000_000),
            Call("c1", T0, Fraudster, 720));

        Assert.Equal(RiskLevel.Special, result.Level);
        Assert.Equal(
            ["special.transfer_after_blacklisted_call", "high.long_call", "medium.call_3min", "low.single_contact"],
            result.Fired());
        Assert.Equal("call 720 s with 17012345678 (blacklisted)", result.Reasons[1].Facts);
        Assert.Equal(["c1"], result.Reasons[1].SignalIds);
        Assert.Equal([RiskLevel.Special, RiskLevel.High, RiskLevel.Medium, RiskLevel.Low], result.Reasons.Select(r => r.Level));
    }

    [Fact]
    public void Age_65_raises_medium_to_high()
    {
        var result = Evaluate(new SubjectFacts(65, false), Call("c1", T0, Fraudster, 200));

        Assert.Equal(RiskLevel.High, result.Level);
        var reason = result.Reasons[0];
        Assert.Equal("high.medium_plus_vulnerability", reason.RuleId);
        Assert.Equal(["c1"], reason.SignalIds);
        Assert.Equal("medium (medium.call_3min) + age 65", reason.Facts);
    }

    [Fact]
    public void Earlier_victim_raises_medium_to_high()
    {
        var result = Evaluate(new SubjectFacts(30, true), Call("c1", T0, Fraudster, 200));

        Assert.Equal(RiskLevel.High, result.Level);
        Assert.Equal("medium (medium.call_3min) + earlier victim", result.Reasons[0].Facts);
    }

    [Fact]
    public void Age_64_without_earlier_loss_stays_medium()
    {
        Assert.Equal(RiskLevel.Medium, Evaluate(new SubjectFacts(64, false), Call("c1", T0, Fraudster, 200)).Level);
        Assert.Equal(RiskLevel.Medium, Evaluate(new SubjectFacts(null, false), Call("c1", T0, Fraudster, 200)).Level);
    }

    [Fact]
    public void Vulnerability_does_not_raise_low_to_high()
    {
        Assert.Equal(RiskLevel.Low, Evaluate(new SubjectFacts(80, true), Sms("m1", T0, Fraudster)).Level);
    }

    [Fact]
    public void Signal_order_does_not_change_the_classification()
    {
        SignalFact[] signals =
        [
            Sms("m1", T0, "17000000001"),
            Call("c2", T0.AddHours(2), "17000000002", 400),
            Url("u1", T0.AddHours(3), "https://evil.com/"),
            Sms("m3", T0.AddHours(4), "17000000003"),
        ];

        var forward = Evaluate(signals);
        var backward = Evaluate([.. signals.Reverse()]);

        Assert.Equal(forward.Level, backward.Level);
        Assert.Equal(forward.Fired(), backward.Fired());
        Assert.Equal(forward.Reasons.Select(r => r.Facts), backward.Reasons.Select(r => r.Facts));
        Assert.Equal(forward.Reasons.Select(r => string.Join(",", r.SignalIds)), backward.Reasons.Select(r => string.Join(",", r.SignalIds)));
    }

    [Fact]
    public void Classification_records_the_version_of_the_rule_set()
    {
        var rules = RuleSet.Default with { Version = 7 };

        Assert.Equal(7, Classifier.Evaluate(rules, Adult, [Sms("m1", T0, Fraudster)]).RuleSetVersion);
    }

    [Fact]
    public void Priority_orders_reasons_within_a_level()
    {
        var rules = new RuleSet(2,
        [
            new Rule("low.b", RiskLevel.Low, 2, new SingleBlacklistedContact(), "b"),
            new Rule("low.a", RiskLevel.Low, 1, new BlacklistedCallAtLeast(0), "a"),
        ]);

        var result = Classifier.Evaluate(rules, Adult, [Call("c1", T0, Fraudster, 10)]);

        Assert.Equal(["low.a", "low.b"], result.Fired());
    }
}
