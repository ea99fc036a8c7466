namespace Forewarn.Engine.Warnings;

/// <summary>Grades a subject's correlated signals with a rule set.</summary>
public static class Classifier
{
    /// <summary>
    /// Evaluates every rule on the signals (the subject's correlated signals in the window, in any order).
    /// Rules with a <see cref="LevelPlusVulnerability"/> condition run after the others, on their outcome.
    /// </summary>
    public static Classification Evaluate(RuleSet rules, SubjectFacts subject, IReadOnlyList<SignalFact> signals)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(signals);

        var sorted = new SignalFact[signals.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = signals[i] ?? throw new ArgumentException("A signal is null.", nameof(signals));
        }

        Array.Sort(sorted, static (a, b) =>
        {
            var byTime = a.OccurredAtUtc.CompareTo(b.OccurredAtUtc);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.SignalId, b.SignalId);
        });

        var reasons = new List<Reason>();
        var rulesByReason = new List<Rule>();
        foreach (var rule in rules.Rules)
        {
            if (rule.Condition is not LevelPlusVulnerability && ConditionEvaluator.Evaluate(rule, sorted) is { } reason)
            {
                reasons.Add(reason);
                rulesByReason.Add(rule);
            }
        }

        var direct = reasons.Count;
        foreach (var rule in rules.Rules)
        {
            if (rule.Condition is LevelPlusVulnerability vulnerability
                && ConditionEvaluator.Vulnerable(rule, vulnerability, subject, reasons, direct) is { } reason)
            {
                reasons.Add(reason);
                rulesByReason.Add(rule);
            }
        }

        if (reasons.Count == 0)
        {
            return new Classification(null, [], rules.Version);
        }

        var order = new int[reasons.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byLevel = rulesByReason[b].Level.CompareTo(rulesByReason[a].Level);
            if (byLevel != 0)
            {
                return byLevel;
            }

            var byPriority = rulesByReason[a].Priority.CompareTo(rulesByReason[b].Priority);
            return byPriority != 0 ? byPriority : string.CompareOrdinal(rulesByReason[a].Id, rulesByReason[b].Id);
        });

        var ordered = new Reason[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ordered[i] = reasons[order[i]];
        }

        return new Classification(ordered[0].Level, ordered, rules.Version);
    }
}
