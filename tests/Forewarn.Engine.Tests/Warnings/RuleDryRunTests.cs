using Forewarn.Engine.Warnings;
using static Forewarn.Engine.Tests.Warnings.Signals;

namespace Forewarn.Engine.Tests.Warnings;

public class RuleDryRunTests
{
    private const string Fraudster = "17012345678";

    [Fact]
    public void Dry_run_counts_how_a_proposed_rule_set_moves_each_case()
    {
        var proposed = new RuleSet(2,
        [
            .. RuleSet.Default.Rules
                .Where(r => r.Id != "low.upstream_clue")
                .Select(r => r.Id == "medium.call_3min" ? r with { Condition = new BlacklistedCallAtLeast(240) } : r),
            new Rule("special.high_clue", RiskLevel.Special, 9, new UpstreamClue(RiskLevel.High), "x"),
        ]);
        (SubjectFacts, IReadOnlyList<SignalFact>)[] cases =
        [
            (Adult, [Call("c1", T0, Fraudster, 200)]),
            (Adult, [Call("c1", T0, Fraudster, 700)]),
            (Adult, [Sms("m1", T0, Fraudster)]),
            (Adult, []),
            (Adult, [Clue("k1", T0, RiskLevel.High)]),
            (Adult, [Transfer("t1", T0, "6222", 100)]),
            (Adult, [Clue("k1", T0, RiskLevel.Low)]),
        ];

        var result = RuleDryRun.Compare(RuleSet.Default, proposed, cases);

        Assert.Equal(7, result.Cases);
        Assert.Equal(4, result.Unchanged);
        Assert.Equal(1, result.Lowered);
        Assert.Equal(1, result.Raised);
        Assert.Equal(1, result.Dropped);
        Assert.Equal(0, result.NewlyRaised);
        Assert.Equal(
            [
                new LevelTransition(null, null, 2),
                new LevelTransition(RiskLevel.Low, null, 1),
                new LevelTransition(RiskLevel.Low, RiskLevel.Low, 1),
                new LevelTransition(RiskLevel.Medium, RiskLevel.Low, 1),
                new LevelTransition(RiskLevel.High, RiskLevel.High, 1),
                new LevelTransition(RiskLevel.High, RiskLevel.Special, 1),
            ],
            result.Transitions);
    }

    [Fact]
    public void Dry_run_of_a_rule_set_against_itself_changes_nothing()
    {
        (SubjectFacts, IReadOnlyList<SignalFact>)[] cases =
        [
            (Adult, [Call("c1", T0, Fraudster, 200)]),
            (new SubjectFacts(70, false), [Call("c1", T0, Fraudster, 200)]),
        ];

        var result = RuleDryRun.Compare(RuleSet.Default, RuleSet.Default, cases);

        Assert.Equal(2, result.Unchanged);
        Assert.Equal(0, result.Raised + result.Lowered + result.NewlyRaised + result.Dropped);
    }

    [Fact]
    public void Dry_run_counts_new_warnings()
    {
        var proposed = RuleSet.Default with
        {
            Rules = [.. RuleSet.Default.Rules, new Rule("low.any_transfer_contact", RiskLevel.Low, 9, new BlacklistedCallAtLeast(0), "x")],
        };

        var result = RuleDryRun.Compare(
            new RuleSet(1, []), proposed, [(Adult, [Call("c1", T0, Fraudster, 10)])]);

        Assert.Equal(1, result.NewlyRaised);
        Assert.Equal([new LevelTransition(null, RiskLevel.Low, 1)], result.Transitions);
    }
}
