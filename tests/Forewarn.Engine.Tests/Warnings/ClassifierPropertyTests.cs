using CsCheck;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Tests.Warnings;

public class ClassifierPropertyTests
{
    private static readonly string[] Counterparties = ["17000000001", "17000000002", "17000000003", "17000000004", "6222"];

    private static readonly Gen<SignalFact> GenSignal = Gen.Select(
        Gen.Enum<SignalType>(),
        Gen.Int[0, 72 * 60],
        Gen.Int[0, Counterparties.Length - 1],
        Gen.Bool,
        Gen.Int[0, 900],
        Gen.Int[0, 4],
        Gen.Bool,
        (type, minute, who, blacklisted, seconds, clue, urgent) => new SignalFact(
            "s",
            type,
            Signals.T0.AddMinutes(minute),
            IndicatorType.Phone,
            Counterparties[who],
            blacklisted,
            seconds,
            seconds * 1000L,
            clue == 0 ? null : (RiskLevel)clue,
            urgent && type == SignalType.Clue));

    private static readonly Gen<SubjectFacts> GenSubject =
        Gen.Select(Gen.Int[50, 80], Gen.Bool, Gen.Bool, (age, known, victim) => new SubjectFacts(known ? age : null, victim));

    private static SignalFact[] Numbered(SignalFact[] signals) =>
        [.. signals.Select((s, i) => s with { SignalId = "s" + i })];

    private static int Rank(RiskLevel? level) => level is { } l ? (int)l : 0;

    [Fact]
    public void Adding_a_signal_never_lowers_the_level()
    {
        Gen.Select(GenSubject, GenSignal.Array[0, 12], GenSignal).Sample((subject, signals, extra) =>
        {
            var before = Numbered(signals);
            SignalFact[] after = [.. before, extra with { SignalId = "extra" }];

            var was = Classifier.Evaluate(RuleSet.Default, subject, before);
            var now = Classifier.Evaluate(RuleSet.Default, subject, after);

            Assert.True(Rank(now.Level) >= Rank(was.Level), $"{was.Level} fell to {now.Level}");
            Assert.True(was.Reasons.All(r => now.Reasons.Any(n => n.RuleId == r.RuleId)), "a fired rule stopped firing");
        }, iter: 2000);
    }

    [Fact]
    public void Level_is_the_highest_reason_and_independent_of_order()
    {
        Gen.Select(GenSubject, GenSignal.Array[0, 12]).Sample((subject, signals) =>
        {
            var numbered = Numbered(signals);
            var result = Classifier.Evaluate(RuleSet.Default, subject, numbered);
            var reversed = Classifier.Evaluate(RuleSet.Default, subject, [.. numbered.Reverse()]);

            Assert.Equal(result.Reasons.Count == 0 ? null : result.Reasons.Max(r => r.Level), result.Level);
            Assert.Equal(result.Reasons.Select(r => r.RuleId), reversed.Reasons.Select(r => r.RuleId));
            Assert.All(result.Reasons, r => Assert.NotEmpty(r.SignalIds));
        }, iter: 1000);
    }
}
