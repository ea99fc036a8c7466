using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Dissuasion;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Components.Warnings;

/// <summary>The open warnings of the caller's territory, most urgent first: by level, then by the next deadline due.</summary>
public static class OpenWarnings
{
    public sealed record Row(long Id, RiskLevel Level, string Step, string? ClaimedBy, string? Phone, string? Name, int? Age, string Unit,
        DateTimeOffset OpenedAt, string DeadlineName, DateTimeOffset? Deadline, int Signals, string? FraudType);

    public static async Task<List<Row>> LoadAsync(AppDbContext db, TerritoryResolver territory, PolicyBook policies, bool visitsOnly, CancellationToken ct)
    {
        var query = db.Warnings.AsNoTracking().Where(w => w.Status == WarningStatus.Open);
        if (visitsOnly)
        {
            // Grid workers visit medium and low risk subjects (DESIGN §4) not yet warned face to face.
            query = query.Where(w => (w.Level == RiskLevel.Medium || w.Level == RiskLevel.Low) && w.FaceToFaceAt == null);
        }
        var rows = await query
            .OrderByDescending(w => w.Level == RiskLevel.Special ? 4 : w.Level == RiskLevel.High ? 3 : w.Level == RiskLevel.Medium ? 2 : 1)
            .ThenBy(w => w.LevelSince).Take(500)
            .Select(w => new
            {
                w.Id, w.Level, w.Step, w.ClaimedBy, w.SubjectPhone, w.SubjectName, w.SubjectAge, w.UnitCode, w.OpenedAt, w.LevelSince,
                w.SignedForAt, w.FirstContactAt, w.FaceToFaceAt, w.SignalCount, w.FraudType,
            })
            .ToListAsync(ct);
        var map = await territory.GetMapAsync(ct);
        var policy = await policies.CurrentAsync(ct);
        return rows.Select(w =>
            {
                var d = Deadlines.Of(w.Level, w.LevelSince, policy);
                var (name, due) = w.SignedForAt is null ? (L.T("签收", "Sign for"), (DateTimeOffset?)d.SignFor)
                    : w.FirstContactAt is null ? (L.T("首次联系", "First contact"), d.FirstContact)
                    : w.FaceToFaceAt is null && d.FaceToFace is not null ? (L.T("见面劝阻", "Face to face"), d.FaceToFace)
                    : (L.T("反馈", "Feedback"), null);
                return new Row(w.Id, w.Level, WarningAction.Wire(w.Step), w.ClaimedBy, Mask.Phone(w.SubjectPhone), Mask.Name(w.SubjectName), w.SubjectAge,
                    map.Find(w.UnitCode)?.Name ?? w.UnitCode, ListWarnings.Utc(w.OpenedAt), name, due, w.SignalCount, w.FraudType);
            })
            .OrderByDescending(r => r.Level).ThenBy(r => r.Deadline ?? DateTimeOffset.MaxValue).ToList();
    }
}
