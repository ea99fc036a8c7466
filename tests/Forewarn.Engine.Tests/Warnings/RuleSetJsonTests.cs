using System.Text.Json;
using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Tests.Warnings;

public class RuleSetJsonTests
{
    [Fact]
    public void Default_rule_set_round_trips_through_json_equal()
    {
        var json = RuleSet.ToJson(RuleSet.Default);

        var back = RuleSet.FromJson(json);

        Assert.Equal(RuleSet.Default, back);
        Assert.Equal(RuleSet.Default.GetHashCode(), back.GetHashCode());
        Assert.Equal(json, RuleSet.ToJson(back));
    }

    [Fact]
    public void Json_uses_wire_level_names_and_a_kind_per_condition()
    {
        var json = RuleSet.ToJson(RuleSet.Default);

        Assert.Contains("\"level\":\"special\"", json, StringComparison.Ordinal);
        Assert.Contains("\"condition\":{\"kind\":\"blacklisted_call_at_least\",\"seconds\":600}", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"level_plus_vulnerability\",\"base\":\"medium\",\"minAge\":65", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_may_come_after_the_other_properties_as_jsonb_stores_it()
    {
        const string json = """
            {"rules":[{"description":"d","priority":1,"level":"medium","id":"medium.x",
              "condition":{"withinHours":12,"count":4,"kind":"distinct_blacklisted_contacts"}}],"version":3}
            """;

        var rules = RuleSet.FromJson(json);

        Assert.Equal(new RuleSet(3, [new Rule("medium.x", RiskLevel.Medium, 1, new DistinctBlacklistedContacts(4, 12), "d")]), rules);
    }

    [Theory]
    [InlineData("""{"version":1,"rules":[{"id":"a","level":"low","priority":1,"description":"d","condition":{"kind":"moon_phase"}}]}""")]
    [InlineData("""{"version":1,"rules":[{"id":"a","level":"extreme","priority":1,"description":"d","condition":{"kind":"single_blacklisted_contact"}}]}""")]
    [InlineData("""{"version":1,"rules":[{"id":"a","level":"low","priority":1,"description":"d"}]}""")]
    [InlineData("""{"version":1,"rules":[{"id":"a","level":"low","priority":1,"description":"d","condition":{"kind":"single_blacklisted_contact"}},{"id":"a","level":"low","priority":2,"description":"d","condition":{"kind":"single_blacklisted_contact"}}]}""")]
    [InlineData("""{"version":1,"rules":[{"id":"a","level":"low","priority":1,"description":"d","condition":{"kind":"distinct_blacklisted_contacts","count":0,"withinHours":24}}]}""")]
    [InlineData("null")]
    public void Invalid_rule_sets_are_rejected(string json)
    {
        Assert.ThrowsAny<JsonException>(() => RuleSet.FromJson(json));
    }

    [Fact]
    public void Rule_sets_with_different_rules_are_not_equal()
    {
        var changed = RuleSet.Default with
        {
            Rules = [.. RuleSet.Default.Rules.Select(r => r.Id == "medium.call_3min" ? r with { Condition = new BlacklistedCallAtLeast(240) } : r)],
        };

        Assert.NotEqual(RuleSet.Default, changed);
        Assert.Equal(RuleSet.Default, RuleSet.Default with { Rules = [.. RuleSet.Default.Rules] });
    }
}
