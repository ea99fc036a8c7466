using System.Text.Json;
using System.Text.Json.Serialization;

namespace Forewarn.Engine.Warnings;

/// <summary>
/// A versioned set of rules. Stored by the server as a JSON row per version; every warning records the version
/// that graded it. Two rule sets are equal when their versions and rules (in order) are equal.
/// </summary>
/// <param name="Version">The rule-set version.</param>
/// <param name="Rules">The rules, in any order.</param>
public sealed record RuleSet(int Version, IReadOnlyList<Rule> Rules)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        // PostgreSQL jsonb reorders keys, so the "kind" discriminator may not come first.
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The default rules of DESIGN §3, version 1.</summary>
    public static RuleSet Default { get; } = new(1,
    [
        new("special.transfer_to_blacklisted_account", RiskLevel.Special, 1, new TransferToBlacklistedAccount(),
            "向涉诈账户转账 / transfer to a blacklisted account"),
        new("special.transfer_after_blacklisted_call", RiskLevel.Special, 2, new TransferAfterBlacklistedCall(60),
            "与涉诈号码通话中或通话后60分钟内转账 / any transfer during or within 60 min after a call with a blacklisted number"),
        new("special.upstream_clue", RiskLevel.Special, 3, new UpstreamClue(RiskLevel.Special),
            "上级线索标为特危或紧急 / upstream clue marked special or urgent"),
        new("special.screen_share_with_blacklisted", RiskLevel.Special, 4, new ScreenShareWithBlacklisted(),
            "与涉诈对象屏幕共享 / screen sharing with a blacklisted party"),
        new("high.long_call", RiskLevel.High, 1, new BlacklistedCallAtLeast(600),
            "与涉诈号码通话≥10分钟 / call of 10 min or more with a blacklisted number"),
        new("high.blacklisted_app", RiskLevel.High, 2, new BlacklistedAppInstalled(),
            "安装涉诈App / installed a blacklisted app"),
        new("high.url_after_contact", RiskLevel.High, 3, new BlacklistedUrlAfterBlacklistedContact(),
            "接触涉诈号码后访问涉诈网址 / visited a blacklisted URL after a contact with a blacklisted number"),
        new("high.medium_plus_vulnerability", RiskLevel.High, 4, new LevelPlusVulnerability(RiskLevel.Medium, 65),
            "中危且为易受骗人群（65岁及以上或曾被骗） / medium plus a vulnerability factor (age 65+ or earlier victim)"),
        new("high.upstream_clue", RiskLevel.High, 5, new UpstreamClue(RiskLevel.High),
            "上级线索标为高危 / upstream clue graded high"),
        new("medium.call_3min", RiskLevel.Medium, 1, new BlacklistedCallAtLeast(180),
            "与涉诈号码通话≥3分钟 / call of 3 min or more with a blacklisted number"),
        new("medium.distinct_contacts", RiskLevel.Medium, 2, new DistinctBlacklistedContacts(3, 24),
            "24小时内被3个及以上不同涉诈号码联系 / contacts from 3 or more distinct blacklisted numbers within 24 h"),
        new("medium.upstream_clue", RiskLevel.Medium, 3, new UpstreamClue(RiskLevel.Medium),
            "上级线索标为中危 / upstream clue graded medium"),
        new("low.single_contact", RiskLevel.Low, 1, new SingleBlacklistedContact(),
            "接到涉诈号码的电话或短信 / a call or SMS from a blacklisted number"),
        new("low.upstream_clue", RiskLevel.Low, 2, new UpstreamClue(RiskLevel.Low),
            "上级线索标为低危 / upstream clue graded low"),
    ]);

    /// <summary>Serialises a rule set (camelCase, levels as wire names, conditions with a <c>kind</c>).</summary>
    public static string ToJson(RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return JsonSerializer.Serialize(rules, Json);
    }

    /// <summary>Reads a rule set and checks it with <see cref="Validate"/>.</summary>
    /// <exception cref="JsonException">Malformed JSON, an unknown condition kind, or an invalid rule set.</exception>
    public static RuleSet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RuleSet? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RuleSet>(json, Json);
        }
        catch (NotSupportedException e)
        {
            throw new JsonException("Unknown or missing rule condition kind.", e);
        }

        if (rules is null)
        {
            throw new JsonException("A rule set cannot be null.");
        }

        var errors = rules.Validate();
        return errors.Count == 0 ? rules : throw new JsonException(string.Join("; ", errors));
    }

    /// <summary>Problems that make the rule set unusable; empty when it is fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Rules is null)
        {
            errors.Add("rules are missing");
            return errors;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (rule is null)
            {
                errors.Add("a rule is null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Id))
            {
                errors.Add("a rule has no id");
            }
            else if (!ids.Add(rule.Id))
            {
                errors.Add($"rule id {rule.Id} is used twice");
            }

            if (!Enum.IsDefined(rule.Level))
            {
                errors.Add($"rule {rule.Id} has an undefined level");
            }

            var problem = rule.Condition switch
            {
                null => "has no condition",
                TransferAfterBlacklistedCall { WithinMinutes: < 0 } => "needs WithinMinutes ≥ 0",
                UpstreamClue c when !Enum.IsDefined(c.Level) => "has an undefined clue level",
                BlacklistedCallAtLeast { Seconds: < 0 } => "needs Seconds ≥ 0",
                LevelPlusVulnerability v when !Enum.IsDefined(v.Base) => "has an undefined base level",
                LevelPlusVulnerability { MinAge: < 0 } => "needs MinAge ≥ 0",
                DistinctBlacklistedContacts { Count: < 1 } => "needs Count ≥ 1",
                DistinctBlacklistedContacts { WithinHours: < 0 } => "needs WithinHours ≥ 0",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add($"rule {rule.Id} {problem}");
            }
        }

        return errors;
    }

    /// <inheritdoc/>
    public bool Equals(RuleSet? other) =>
        other is not null
        && Version == other.Version
        && (ReferenceEquals(Rules, other.Rules) || (Rules is not null && other.Rules is not null && Rules.SequenceEqual(other.Rules)));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Version);
        foreach (var rule in Rules ?? [])
        {
            hash.Add(rule);
        }

        return hash.ToHashCode();
    }
}
