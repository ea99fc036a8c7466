using System.Text.Json;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Rules;

/// <summary>
/// <c>POST /api/v1/rules/dry-run</c> <c>{ "rules": {…} | "version": N, "days": 7 }</c> — re-classifies the last N
/// days of signals, per subject and window, with the proposed rules and the active ones, and counts how many
/// warnings would change level. Nothing is written.
/// </summary>
public static class DryRunRules
{
    public sealed record Request(JsonElement? Rules, int? Version, int? Days);

    public sealed record Response(int Days, int Subjects, int Signals, int CurrentVersion, int ProposedVersion, DryRunResult Result);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Request request, AppDbContext db, RuleBook book, TimeProvider clock,
        CancellationToken ct)
    {
        var days = request.Days ?? 7;
        if (days is < 1 or > 90)
        {
            return Problems.BadRequest("days 应在 1 到 90 之间", "days must be between 1 and 90");
        }
        RuleSet? proposed = ProposeRules.Parse(request.Rules);
        if (proposed is null && request.Version is { } version
            && await db.RuleSets.Where(r => r.Version == version).Select(r => r.Json).FirstOrDefaultAsync(ct) is { } json)
        {
            proposed = RuleSet.FromJson(json);
        }
        if (proposed is null)
        {
            return Problems.BadRequest("请给出 rules 或已存在的 version", "Give rules or an existing version");
        }
        var current = await book.CurrentAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var signals = await db.Signals.AsNoTracking().Where(s => s.OccurredAt >= since).OrderBy(s => s.OccurredAt).ToListAsync(ct);
        var cases = new List<(SubjectFacts, IReadOnlyList<SignalFact>)>();
        foreach (var subject in signals.GroupBy(s => s.SubjectKey))
        {
            // Cut a subject's signals into correlation windows, as intake would have joined them.
            var window = new List<Signals.Signal>();
            foreach (var s in subject)
            {
                if (window.Count > 0 && !Correlation.Joins(window[^1].OccurredAt, s.OccurredAt, RaiseWarnings.Window))
                {
                    cases.Add(Case(window));
                    window = [];
                }
                window.Add(s);
            }
            cases.Add(Case(window));
        }
        var result = RuleDryRun.Compare(current, proposed, cases);
        return TypedResults.Ok(new Response(days, signals.Select(s => s.SubjectKey).Distinct().Count(), signals.Count, current.Version, proposed.Version, result));

        static (SubjectFacts, IReadOnlyList<SignalFact>) Case(List<Signals.Signal> window) =>
            (new SubjectFacts(window.Select(s => s.SubjectAge).LastOrDefault(a => a is not null), false), window.Select(s => s.ToFact()).ToList());
    }
}
