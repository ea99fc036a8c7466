using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Notifications;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// One alert the SLA monitor has raised. The unique index makes each alert happen once per deadline, stage and level
/// clock, however often the monitor runs and across restarts.
/// </summary>
public sealed class SlaAlert
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    /// <summary><c>sign_for</c>, <c>first_contact</c> or <c>face_to_face</c>.</summary>
    public required string Deadline { get; set; }
    /// <summary><c>warn</c> (before the deadline, to the assignee), <c>breach</c> (to the unit's supervisor), <c>escalate</c> (to the parent unit).</summary>
    public required string Stage { get; set; }
    public DateTime LevelSince { get; set; }
    public DateTime At { get; set; }
}

public sealed class SlaAlertConfiguration : IEntityTypeConfiguration<SlaAlert>
{
    public void Configure(EntityTypeBuilder<SlaAlert> a)
    {
        a.Property(x => x.Deadline).HasMaxLength(14);
        a.Property(x => x.Stage).HasMaxLength(10);
        a.HasIndex(x => new { x.WarningId, x.Deadline, x.Stage, x.LevelSince }).IsUnique();
        a.HasOne<Warning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Watches every open warning's deadlines: at 80% of a limit it warns the assignee, at the deadline it tells the
/// unit's supervisor (the district center), and at twice the limit the parent unit (the city). The work is a query
/// per level and deadline, run in SQL; the state lives in <see cref="SlaAlert"/>, so a restart neither repeats nor
/// loses an alert.
/// </summary>
public sealed class SlaMonitor(IServiceScopeFactory scopes, TerritoryResolver territory, PolicyBook policies, TimeProvider clock, ILogger<SlaMonitor> log,
    Leadership leadership, IntakeMetrics metrics) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        do
        {
            try
            {
                if (!await leadership.MayRunAsync(stoppingToken))
                {
                    continue; // another process leads (docs/scale.md)
                }
                metrics.SlaBreaches(await RunOnceAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "SLA pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var map = await territory.GetMapAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var raised = 0;
        foreach (var (level, limits) in (await policies.CurrentAsync(ct)).Limits)
        {
            foreach (var (deadline, limit) in new (string, TimeSpan?)[] { ("sign_for", limits.SignFor), ("first_contact", limits.FirstContact), ("face_to_face", limits.FaceToFace) })
            {
                if (limit is not { } t)
                {
                    continue;
                }
                foreach (var (stage, after) in new[] { ("warn", t * 0.8), ("breach", t), ("escalate", t * 2) })
                {
                    var cutoff = now - after;
                    var open = db.Warnings.Where(w => w.Status == WarningStatus.Open && w.Level == level && w.LevelSince <= cutoff);
                    open = deadline switch
                    {
                        "sign_for" => open.Where(w => w.SignedForAt == null),
                        "first_contact" => open.Where(w => w.FirstContactAt == null),
                        _ => open.Where(w => w.FaceToFaceAt == null),
                    };
                    if (stage == "warn")
                    {
                        // A warning is only useful before the deadline.
                        var end = now - t;
                        open = open.Where(w => w.LevelSince > end);
                    }
                    var candidates = await open
                        .Where(w => !db.SlaAlerts.Any(a => a.WarningId == w.Id && a.Deadline == deadline && a.Stage == stage && a.LevelSince == w.LevelSince))
                        .OrderBy(w => w.Id).Take(500).ToListAsync(ct);
                    foreach (var warning in candidates)
                    {
                        if (await RaiseAsync(db, map, warning, level, deadline, stage, now, ct))
                        {
                            raised++;
                        }
                    }
                }
            }
        }
        return raised;
    }

    private static async Task<bool> RaiseAsync(AppDbContext db, TerritoryMap map, Warning warning, RiskLevel level, string deadline, string stage,
        DateTime now, CancellationToken ct)
    {
        var unit = map.Find(warning.UnitCode) ?? map.City;
        var supervisor = SupervisorOf(map, unit);
        var (recipientUnit, recipient, kind, eventKind) = stage switch
        {
            "warn" => (unit, warning.ClaimedBy, NotificationKinds.SlaWarning, WarningEventKinds.SlaWarning),
            "breach" => (supervisor, null, NotificationKinds.SlaBreach, WarningEventKinds.SlaBreach),
            _ => (supervisor.ParentCode is { } p && map.Find(p) is { } parent ? parent : map.City, null, NotificationKinds.SlaEscalation, WarningEventKinds.SlaEscalation),
        };
        var what = deadline switch { "sign_for" => "签收", "first_contact" => "首次联系", _ => "见面劝阻" };
        var message = stage switch
        {
            "warn" => $"{RiskLevels.ChineseName(level)}预警 {warning.Id} 即将超过{what}时限",
            "breach" => $"{RiskLevels.ChineseName(level)}预警 {warning.Id}（{unit.Name}）已超过{what}时限",
            _ => $"{RiskLevels.ChineseName(level)}预警 {warning.Id}（{unit.Name}）超过{what}时限一倍仍未处置，升级上报",
        };
        db.SlaAlerts.Add(new SlaAlert { WarningId = warning.Id, Deadline = deadline, Stage = stage, LevelSince = warning.LevelSince, At = now });
        Notify.Add(db, warning, kind, recipientUnit, recipient, message, now);
        WarningTimeline.Add(warning, eventKind, now, "system", new { deadline, stage, notified = recipient ?? recipientUnit.Code });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node raised the same alert first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The district center supervises its stations and grids; a district or the city supervises itself.</summary>
    public static UnitInfo SupervisorOf(TerritoryMap map, UnitInfo unit)
    {
        var path = unit.Path;
        return path.Count >= 2 && map.Find(path[1]) is { } district ? district : unit;
    }
}
