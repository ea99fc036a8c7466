namespace Forewarn.Engine.Warnings;

/// <summary>One early-warning rule: when <paramref name="Condition"/> holds, the subject is at least <paramref name="Level"/>.</summary>
/// <param name="Id">Stable id quoted in reasons, e.g. <c>high.long_call</c>.</param>
/// <param name="Level">The level the rule raises.</param>
/// <param name="Priority">Order among the reasons of one level: lower comes first.</param>
/// <param name="Condition">What the rule looks for.</param>
/// <param name="Description">Human-readable description shown to analysts (zh-CN first, then English).</param>
public sealed record Rule(string Id, RiskLevel Level, int Priority, RuleCondition Condition, string Description);
