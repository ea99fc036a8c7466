using Forewarn.Engine.Indicators;
using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Tests.Warnings;

internal static class Signals
{
    public static readonly DateTime T0 = new(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc);

    public static readonly SubjectFacts Adult = new(40, false);

    public static SignalFact Call(string id, DateTime at, string number, int seconds, bool blacklisted = true) =>
        new(id, SignalType.Call, at, IndicatorType.Phone, number, blacklisted, seconds, null, null, false);

    public static SignalFact Sms(string id, DateTime at, string number, bool blacklisted = true) =>
        new(id, SignalType.Sms, at, IndicatorType.Phone, number, blacklisted, null, null, null, false);

    public static SignalFact Transfer(string id, DateTime at, string account, long fen, bool blacklisted = false) =>
        new(id, SignalType.Transfer, at, IndicatorType.Account, account, blacklisted, null, fen, null, false);

    public static SignalFact App(string id, DateTime at, string app, bool blacklisted = true) =>
        new(id, SignalType.AppInstall, at, IndicatorType.App, app, blacklisted, null, null, null, false);

    public static SignalFact Url(string id, DateTime at, string url, bool blacklisted = true) =>
        new(id, SignalType.UrlVisit, at, IndicatorType.Url, url, blacklisted, null, null, null, false);

    public static SignalFact ScreenShare(string id, DateTime at, string party, bool blacklisted = true) =>
        new(id, SignalType.ScreenShare, at, IndicatorType.Im, party, blacklisted, 300, null, null, false);

    public static SignalFact Clue(string id, DateTime at, RiskLevel? level, bool urgent = false) =>
        new(id, SignalType.Clue, at, null, null, false, null, null, level, urgent);

    public static Classification Evaluate(params SignalFact[] signals) =>
        Classifier.Evaluate(RuleSet.Default, Adult, signals);

    public static Classification Evaluate(SubjectFacts subject, params SignalFact[] signals) =>
        Classifier.Evaluate(RuleSet.Default, subject, signals);

    public static IReadOnlyList<string> Fired(this Classification classification) =>
        [.. classification.Reasons.Select(r => r.RuleId)];
}
