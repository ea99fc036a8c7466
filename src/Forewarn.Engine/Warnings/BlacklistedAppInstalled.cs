namespace Forewarn.Engine.Warnings;

/// <summary>The subject installed a blacklisted app.</summary>
public sealed record BlacklistedAppInstalled : RuleCondition;
