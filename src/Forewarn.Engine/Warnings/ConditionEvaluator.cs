using System.Globalization;

namespace Forewarn.Engine.Warnings;

/// <summary>Plain C# for each <see cref="RuleCondition"/>, over a subject's signals sorted oldest first.</summary>
internal static class ConditionEvaluator
{
    public static Reason? Evaluate(Rule rule, SignalFact[] sorted) => rule.Condition switch
    {
        TransferToBlacklistedAccount => Each(rule, sorted, 0,
            static (s, _) => s.Type == SignalType.Transfer && s.CounterpartyBlacklisted),
        TransferAfterBlacklistedCall c => TransferAfterCall(rule, sorted, TimeSpan.FromMinutes(c.WithinMinutes)),
        UpstreamClue c => Each(rule, sorted, (int)c.Level,
            static (s, level) => s.Type == SignalType.Clue && (s.ClueUrgent ? RiskLevel.Special : s.ClueLevel) == (RiskLevel)level),
        ScreenShareWithBlacklisted => Each(rule, sorted, 0,
            static (s, _) => s.Type == SignalType.ScreenShare && s.CounterpartyBlacklisted),
        BlacklistedCallAtLeast c => Each(rule, sorted, c.Seconds,
            static (s, seconds) => IsBlacklistedCall(s) && (s.DurationSeconds ?? 0) >= seconds),
        BlacklistedAppInstalled => Each(rule, sorted, 0,
            static (s, _) => s.Type == SignalType.AppInstall && s.CounterpartyBlacklisted),
        BlacklistedUrlAfterBlacklistedContact => UrlAfterContact(rule, sorted),
        DistinctBlacklistedContacts c => Distinct(rule, sorted, c.Count, TimeSpan.FromHours(c.WithinHours)),
        SingleBlacklistedContact => Each(rule, sorted, 0, static (s, _) => IsBlacklistedContact(s)),
        _ => null,
    };

    /// <summary>A <see cref="LevelPlusVulnerability"/> rule, given the reasons of the other rules.</summary>
    public static Reason? Vulnerable(
        Rule rule, LevelPlusVulnerability condition, SubjectFacts subject, List<Reason> reasons, int direct)
    {
        var old = subject.Age >= condition.MinAge;
        if (!old && !subject.EarlierVictim)
        {
            return null;
        }

        List<string>? ids = null;
        List<string>? baseRules = null;
        for (var i = 0; i < direct; i++)
        {
            var reason = reasons[i];
            if (reason.Level != condition.Base)
            {
                continue;
            }

            (baseRules ??= []).Add(reason.RuleId);
            ids ??= [];
            foreach (var id in reason.SignalIds)
            {
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        if (ids is null || baseRules is null)
        {
            return null;
        }

        var factors = old && subject.EarlierVictim
            ? string.Create(CultureInfo.InvariantCulture, $"age {subject.Age}, earlier victim")
            : old ? string.Create(CultureInfo.InvariantCulture, $"age {subject.Age}") : "earlier victim";
        var facts = $"{RiskLevels.ToWire(condition.Base)} ({string.Join(", ", baseRules)}) + {factors}";
        return new Reason(rule.Id, rule.Level, ids, facts);
    }

    private static bool IsBlacklistedCall(SignalFact s) => s.Type == SignalType.Call && s.CounterpartyBlacklisted;

    private static bool IsBlacklistedContact(SignalFact s) =>
        s.Type is SignalType.Call or SignalType.Sms && s.CounterpartyBlacklisted;

    private static Reason? Each(Rule rule, SignalFact[] sorted, int arg, Func<SignalFact, int, bool> match)
    {
        List<string>? ids = null;
        SignalFact? first = null;
        foreach (var s in sorted)
        {
            if (match(s, arg))
            {
                (ids ??= []).Add(s.SignalId);
                first ??= s;
            }
        }

        return ids is null || first is null
            ? null
            : new Reason(rule.Id, rule.Level, ids, SignalText.More(SignalText.Describe(first), ids.Count));
    }

    private static Reason? TransferAfterCall(Rule rule, SignalFact[] sorted, TimeSpan within)
    {
        List<string>? ids = null;
        string? facts = null;
        var pairs = 0;
        foreach (var call in sorted)
        {
            if (!IsBlacklistedCall(call))
            {
                continue;
            }

            var end = call.OccurredAtUtc.AddSeconds(Math.Max(call.DurationSeconds ?? 0, 0));
            foreach (var transfer in sorted)
            {
                if (transfer.Type != SignalType.Transfer
                    || transfer.OccurredAtUtc < call.OccurredAtUtc
                    || transfer.OccurredAtUtc > end + within)
                {
                    continue;
                }

                pairs++;
                ids ??= [];
                AddOnce(ids, call.SignalId);
                AddOnce(ids, transfer.SignalId);
                if (facts is null)
                {
                    var when = transfer.OccurredAtUtc <= end
                        ? "during"
                        : $"{SignalText.Minutes(transfer.OccurredAtUtc - end)} min after";
                    facts = $"{SignalText.Describe(transfer)} {when} {SignalText.Describe(call)}";
                }
            }
        }

        return ids is null || facts is null ? null : new Reason(rule.Id, rule.Level, Oldest(ids, sorted), SignalText.More(facts, pairs));
    }

    private static Reason? UrlAfterContact(Rule rule, SignalFact[] sorted)
    {
        SignalFact? firstContact = null;
        foreach (var s in sorted)
        {
            if (IsBlacklistedContact(s))
            {
                firstContact = s;
                break;
            }
        }

        if (firstContact is null)
        {
            return null;
        }

        List<string>? ids = null;
        string? facts = null;
        var visits = 0;
        foreach (var s in sorted)
        {
            if (s.Type == SignalType.UrlVisit && s.CounterpartyBlacklisted && s.OccurredAtUtc >= firstContact.OccurredAtUtc)
            {
                visits++;
                ids ??= [firstContact.SignalId];
                ids.Add(s.SignalId);
                facts ??= $"{SignalText.Describe(s)} after {SignalText.Describe(firstContact)}";
            }
        }

        return ids is null || facts is null ? null : new Reason(rule.Id, rule.Level, Oldest(ids, sorted), SignalText.More(facts, visits));
    }

    private static Reason? Distinct(Rule rule, SignalFact[] sorted, int count, TimeSpan within)
    {
        var contacts = new List<SignalFact>();
        foreach (var s in sorted)
        {
            if (IsBlacklistedContact(s) && s.Counterparty is not null)
            {
                contacts.Add(s);
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var left = 0;
        for (var right = 0; right < contacts.Count; right++)
        {
            var number = contacts[right].Counterparty!;
            seen[number] = seen.GetValueOrDefault(number) + 1;
            while (contacts[right].OccurredAtUtc - contacts[left].OccurredAtUtc > within)
            {
                var leaving = contacts[left].Counterparty!;
                if (--seen[leaving] == 0)
                {
                    seen.Remove(leaving);
                }

                left++;
            }

            if (seen.Count >= count)
            {
                var ids = new List<string>(right - left + 1);
                var numbers = new List<string>(seen.Count);
                for (var i = left; i <= right; i++)
                {
                    ids.Add(contacts[i].SignalId);
                    AddOnce(numbers, contacts[i].Counterparty!);
                }

                var hours = within.TotalHours.ToString(CultureInfo.InvariantCulture);
                var facts = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{numbers.Count} distinct blacklisted numbers within {hours} h: {string.Join(", ", numbers)}");
                return new Reason(rule.Id, rule.Level, ids, facts);
            }
        }

        return null;
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static List<string> Oldest(List<string> ids, SignalFact[] sorted)
    {
        var ordered = new List<string>(ids.Count);
        foreach (var s in sorted)
        {
            if (ids.Contains(s.SignalId))
            {
                AddOnce(ordered, s.SignalId);
            }
        }

        return ordered;
    }
}
