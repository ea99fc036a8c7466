using System.Text.Json.Serialization;

namespace Forewarn.Engine.Warnings;

/// <summary>
/// What a rule looks for in a subject's correlated signals: a closed set of typed conditions, stored as JSON
/// with a <c>kind</c> discriminator. Every condition is monotonic: more signals never un-fire it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TransferToBlacklistedAccount), "transfer_to_blacklisted_account")]
[JsonDerivedType(typeof(TransferAfterBlacklistedCall), "transfer_after_blacklisted_call")]
[JsonDerivedType(typeof(UpstreamClue), "upstream_clue")]
[JsonDerivedType(typeof(ScreenShareWithBlacklisted), "screen_share_with_blacklisted")]
[JsonDerivedType(typeof(BlacklistedCallAtLeast), "blacklisted_call_at_least")]
[JsonDerivedType(typeof(BlacklistedAppInstalled), "blacklisted_app_installed")]
[JsonDerivedType(typeof(BlacklistedUrlAfterBlacklistedContact), "blacklisted_url_after_blacklisted_contact")]
[JsonDerivedType(typeof(LevelPlusVulnerability), "level_plus_vulnerability")]
[JsonDerivedType(typeof(DistinctBlacklistedContacts), "distinct_blacklisted_contacts")]
[JsonDerivedType(typeof(SingleBlacklistedContact), "single_blacklisted_contact")]
public abstract record RuleCondition
{
    private protected RuleCondition()
    {
    }
}
