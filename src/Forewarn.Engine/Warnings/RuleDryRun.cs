namespace Forewarn.Engine.Warnings;

/// <summary>Replays cases through the current and a proposed rule set before a rule change is approved.</summary>
public static class RuleDryRun
{
    /// <summary>Evaluates every case under both rule sets and counts how the levels move.</summary>
    public static DryRunResult Compare(
        RuleSet current, RuleSet proposed, IEnumerable<(SubjectFacts Subject, IReadOnlyList<SignalFact> Signals)> cases)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(cases);

        // Index 0 is "no warning", 1..4 the levels.
        var matrix = new int[5, 5];
        int total = 0, unchanged = 0, raised = 0, lowered = 0, newly = 0, dropped = 0;
        foreach (var (subject, signals) in cases)
        {
            var from = Classifier.Evaluate(current, subject, signals).Level;
            var to = Classifier.Evaluate(proposed, subject, signals).Level;
            total++;
            matrix[Index(from), Index(to)]++;
            switch (from, to)
            {
                case (null, null):
                    unchanged++;
                    break;
                case (null, _):
                    newly++;
                    break;
                case (_, null):
                    dropped++;
                    break;
                case ({ } f, { } t) when t > f:
                    raised++;
                    break;
                case ({ } f, { } t) when t < f:
                    lowered++;
                    break;
                default:
                    unchanged++;
                    break;
            }
        }

        var transitions = new List<LevelTransition>();
        for (var f = 0; f < 5; f++)
        {
            for (var t = 0; t < 5; t++)
            {
                if (matrix[f, t] > 0)
                {
                    transitions.Add(new LevelTransition(Level(f), Level(t), matrix[f, t]));
                }
            }
        }

        return new DryRunResult(total, unchanged, raised, lowered, newly, dropped, transitions);
    }

    private static int Index(RiskLevel? level) => level is { } l && (int)l is >= 1 and <= 4 ? (int)l : 0;

    private static RiskLevel? Level(int index) => index == 0 ? null : (RiskLevel)index;
}
