using System.Text.Json;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Notifications;
using Forewarn.Server.Features.Rules;
using Forewarn.Server.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// Correlates new signals with their subject's open warning, classifies them with the active rules, and
/// raises, joins or escalates warnings, routing each new one to its unit (DESIGN §3). Works in the caller's context and
/// transaction: <see cref="ApplyAsync"/> decides, <see cref="SaveAsync"/> writes — the new warnings, their timeline events
/// and notifications without change tracking (the intake's hot path), the changes to warnings and stored signals with
/// EF Core — and the caller commits it all. Only the intake's writer uses it; on SQLite it keeps what it read about a
/// subject for the next group (<see cref="SubjectWindows"/>).
/// </summary>
public sealed class RaiseWarnings(AppDbContext db, TerritoryResolver territory, RuleBook rules, TimeProvider clock, SubjectWindows windows)
{
    public static readonly TimeSpan Window = Correlation.DefaultWindow;

    private const string Defrauded = "defrauded";

    private readonly List<Warning> _opened = [];
    private readonly List<(Warning Warning, WarningEvent Event)> _events = [];
    private readonly List<Notification> _notifications = [];

    /// <summary>On SQLite, where the intake's writer reads and writes through a connection of its own.</summary>
    private bool Remembering => db.Database.IsSqlite();

    /// <summary>
    /// Writes what the last <see cref="ApplyAsync"/> decided and then <paramref name="incoming"/>, the signals it was given;
    /// the new warnings are tracked from then on.
    /// </summary>
    public async Task SaveAsync(IReadOnlyList<Signal> incoming, CancellationToken ct)
    {
        await RowInserter.InsertAsync(db, _opened, ct, readKeys: true);
        db.Warnings.AttachRange(_opened);
        // The warnings joined or raised, and the stored signals that joined one.
        await db.SaveChangesAsync(ct);
        foreach (var (warning, e) in _events)
        {
            e.WarningId = warning.Id;
        }
        foreach (var n in _notifications)
        {
            n.WarningId = n.Warning!.Id;
        }
        await RowInserter.InsertAsync(db, _events.Select(e => e.Event).ToList(), ct);
        await RowInserter.InsertAsync(db, _notifications, ct);
        foreach (var signal in incoming)
        {
            signal.WarningId = signal.Warning?.Id;
        }
        // A kept signal needs its key: if it joins a warning later, it is attached by it.
        await RowInserter.InsertAsync(db, incoming, ct, readKeys: Remembering);
        if (Remembering)
        {
            foreach (var warning in _opened)
            {
                windows[warning.SubjectKey].Open.Add(warning);
            }
            foreach (var signal in incoming)
            {
                // Kept without its personal fields, as if read (a new warning reads those it needs).
                signal.SubjectPhone = "";
                signal.SubjectName = signal.SubjectIdNumber = signal.Address = signal.Note = null;
                windows.Add(signal);
            }
        }
        _opened.Clear();
        _events.Clear();
        _notifications.Clear();
    }

    private void Log(Warning warning, string kind, DateTime at, string actor, object detail) =>
        _events.Add((warning, WarningTimeline.New(warning, kind, at, actor, detail)));

    public async Task ApplyAsync(IReadOnlyList<Signal> incoming, string actor, CancellationToken ct)
    {
        // Left from an attempt that failed before it was saved (the caller retries the whole group).
        _opened.Clear();
        _events.Clear();
        _notifications.Clear();
        if (incoming.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ruleSet = await rules.CurrentAsync(ct);
        var map = await territory.GetMapAsync(ct);
        var keys = incoming.Select(s => s.SubjectKey).Distinct().ToList();
        var since = incoming.Min(s => s.OccurredAt) - Window;

        var (open, victims, earlier) = await ReadAsync(keys, since, ct);
        var stored = earlier.ToHashSet();

        var earlierBySubject = earlier.ToLookup(s => s.SubjectKey);
        var openBySubject = open.GroupBy(w => w.SubjectKey).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var subject in incoming.GroupBy(s => s.SubjectKey))
        {
            var known = earlierBySubject[subject.Key].ToList();
            if (!openBySubject.TryGetValue(subject.Key, out var subjectOpen))
            {
                openBySubject[subject.Key] = subjectOpen = [];
            }
            foreach (var signal in subject.OrderBy(s => s.OccurredAt))
            {
                var warning = subjectOpen.Where(w => Correlation.Joins(w.LastSignalAt, signal.OccurredAt, Window))
                    .OrderByDescending(w => w.LastSignalAt).FirstOrDefault();
                // The signals that speak about this subject now: the open warning's, and any not yet in a warning within the window.
                var related = known.Where(s => warning is not null && s.Warning == warning
                        || s.Warning is null && s.WarningId is null && (signal.OccurredAt - s.OccurredAt).Duration() <= Window)
                    .Append(signal).Distinct().ToList();
                var facts = new SubjectFacts(related.Select(s => s.SubjectAge).LastOrDefault(a => a is not null), victims.Contains(subject.Key));
                var verdict = Classifier.Evaluate(ruleSet, facts, related.Select(s => s.ToFact()).ToList());
                known.Add(signal);
                if (verdict.Level is not { } level)
                {
                    continue;
                }
                if (warning is null)
                {
                    await UnsealAsync(related.Where(stored.Contains).ToList(), ct);
                    warning = Open(map, related, level, verdict, now, actor);
                    subjectOpen.Add(warning);
                }
                else
                {
                    Join(map, warning, signal, level, verdict, now, actor);
                }
                foreach (var s in related.Where(s => s.Warning is null && s.WarningId is null))
                {
                    if (stored.Remove(s))
                    {
                        db.Signals.Attach(s); // unchanged but for what is set below
                    }
                    s.Warning = warning;
                    s.UnitPath = warning.UnitPath;
                    warning.SignalCount++;
                    warning.LastSignalAt = s.OccurredAt > warning.LastSignalAt ? s.OccurredAt : warning.LastSignalAt;
                }
            }
        }
    }

    /// <summary>The subjects' open warnings (tracked: they may change), those defrauded before, and their signals that can take part.</summary>
    private async Task<(List<Warning> Open, HashSet<string> Victims, List<Signal> Earlier)> ReadAsync(List<string> keys, DateTime since, CancellationToken ct)
    {
        if (!Remembering)
        {
            return await QueryAsync(keys, since, ct);
        }
        await windows.CheckAsync(db, ct);
        windows.MakeRoom(keys.Count);
        var missing = keys.Where(k => !windows.Holds(k, since)).ToList();
        if (missing.Count > 0)
        {
            var (read, victims, signals) = await QueryAsync(missing, since, ct);
            foreach (var key in missing)
            {
                windows.Add(key, new SubjectWindows.Window(since, victims.Contains(key)));
            }
            foreach (var warning in read)
            {
                windows[warning.SubjectKey].Open.Add(warning);
            }
            signals.ForEach(windows.Add);
        }
        var kept = keys.Select(k => windows[k]).ToList();
        var open = kept.SelectMany(w => w.Open).ToList();
        db.Warnings.AttachRange(open); // those read just now are tracked already
        return (open, [.. keys.Where(k => windows[k].Victim)], [.. kept.SelectMany(w => w.Signals)]);
    }

    private async Task<(List<Warning> Open, HashSet<string> Victims, List<Signal> Earlier)> QueryAsync(List<string> keys, DateTime since, CancellationToken ct)
    {
        // The subjects' open warnings (tracked: they may change) and any closed as defrauded (a victim is at higher risk).
        var theirs = await db.Warnings.IgnoreQueryFilters()
            .Where(w => keys.Contains(w.SubjectKey) && (w.Status != WarningStatus.Closed || w.Outcome == Defrauded)).ToListAsync(ct);
        var open = theirs.Where(w => w.Status != WarningStatus.Closed).ToList();
        var victims = theirs.Where(w => w.Outcome == Defrauded).Select(w => w.SubjectKey).ToHashSet();
        var openIds = open.Select(w => w.Id).ToList();
        var openById = open.ToDictionary(w => w.Id);
        // Only the open warnings' signals and those in no warning yet can take part (a closed warning's never do). A
        // subject may have many, so they are read untracked and without their personal fields (nothing to unseal):
        // those that join a warning are attached then, and a new warning reads the few personal fields it needs.
        var earlier = await db.Signals.IgnoreQueryFilters().AsNoTracking()
            .Where(s => keys.Contains(s.SubjectKey)
                && ((s.WarningId == null && s.OccurredAt >= since) || (s.WarningId != null && openIds.Contains(s.WarningId.Value))))
            .Select(s => new Signal
            {
                Id = s.Id,
                ClientId = s.ClientId,
                ExternalId = s.ExternalId,
                Type = s.Type,
                OccurredAt = s.OccurredAt,
                ReceivedAt = s.ReceivedAt,
                SubjectKey = s.SubjectKey,
                SubjectPhone = "",
                SubjectAge = s.SubjectAge,
                Lat = s.Lat,
                Lon = s.Lon,
                AdminCode = s.AdminCode,
                CounterpartyType = s.CounterpartyType,
                Counterparty = s.Counterparty,
                CounterpartyBlacklisted = s.CounterpartyBlacklisted,
                DurationSeconds = s.DurationSeconds,
                AmountFen = s.AmountFen,
                ClueLevel = s.ClueLevel,
                Urgent = s.Urgent,
                FraudType = s.FraudType,
                WarningId = s.WarningId,
                UnitPath = s.UnitPath,
            })
            .ToListAsync(ct);
        foreach (var s in earlier)
        {
            s.Warning = s.WarningId is { } id ? openById[id] : null;
        }
        return (open, victims, earlier);
    }

    /// <summary>Reads the personal fields of stored signals that were read without them (a new warning takes its subject from them).</summary>
    private async Task UnsealAsync(List<Signal> signals, CancellationToken ct)
    {
        if (signals.Count == 0)
        {
            return;
        }
        var ids = signals.Select(s => s.Id).ToList();
        var sealedFields = await db.Signals.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.SubjectPhone, s.SubjectName, s.SubjectIdNumber, s.Address }).ToDictionaryAsync(s => s.Id, ct);
        foreach (var signal in signals)
        {
            var fields = sealedFields[signal.Id];
            signal.SubjectPhone = fields.SubjectPhone;
            signal.SubjectName = fields.SubjectName;
            signal.SubjectIdNumber = fields.SubjectIdNumber;
            signal.Address = fields.Address;
        }
    }

    private Warning Open(TerritoryMap map, List<Signal> related, RiskLevel level, Classification verdict, DateTime now, string actor)
    {
        var newest = related.OrderByDescending(s => s.OccurredAt).ToList();
        var hints = new LocationHints(
            newest.FirstOrDefault(s => s.Lat is not null)?.Lat, newest.FirstOrDefault(s => s.Lat is not null)?.Lon,
            newest.Select(s => s.AdminCode).FirstOrDefault(v => v is not null),
            newest.Select(s => s.Address).FirstOrDefault(v => v is not null),
            newest.Select(s => s.SubjectIdNumber).FirstOrDefault(v => v is not null),
            newest[0].SubjectPhone);
        var route = map.Resolve(hints);
        var warning = new Warning
        {
            Level = level,
            Status = WarningStatus.Open,
            SubjectKey = newest[0].SubjectKey,
            SubjectPhone = newest[0].SubjectPhone,
            SubjectName = newest.Select(s => s.SubjectName).FirstOrDefault(v => v is not null),
            SubjectIdNumber = hints.IdNumber,
            SubjectAge = newest.Select(s => s.SubjectAge).FirstOrDefault(v => v is not null),
            SubjectAddress = hints.Address,
            Lat = hints.Lat,
            Lon = hints.Lon,
            UnitCode = route.Unit.Code,
            UnitPath = route.Unit.UnitPath,
            RouteRule = route.Rule,
            RouteEvidence = route.Evidence,
            RuleSetVersion = verdict.RuleSetVersion,
            Reasons = SerializeReasons(verdict),
            FraudType = newest.Select(s => s.FraudType).FirstOrDefault(v => v is not null),
            OpenedAt = now,
            LastSignalAt = newest[0].OccurredAt,
            LevelSince = now,
            Revision = Guid.NewGuid(),
        };
        _opened.Add(warning);
        _notifications.Add(Notify.New(warning, NotificationKinds.Arrived, route.Unit, null,
            $"新{RiskLevels.ChineseName(level)}预警，请在时限内签收", now));
        Log(warning, WarningEventKinds.Raised, now, actor, new
        {
            level = RiskLevels.ToWire(level),
            unit = route.Unit.Code,
            rule = route.Rule,
            evidence = route.Evidence,
            reasons = verdict.Reasons.Select(r => r.RuleId),
        });
        return warning;
    }

    private void Join(TerritoryMap map, Warning warning, Signal signal, RiskLevel level, Classification verdict, DateTime now, string actor)
    {
        var before = warning.Level;
        warning.Reasons = SerializeReasons(verdict);
        warning.RuleSetVersion = verdict.RuleSetVersion;
        warning.FraudType ??= signal.FraudType;
        warning.Revision = Guid.NewGuid();
        Log(warning, WarningEventKinds.Joined, now, actor, new { signal = signal.ExternalId, type = SignalTypes.ToWire(signal.Type) });
        if (Correlation.IsRise(before, level))
        {
            // A rise re-notifies and restarts the SLA clock of the new level; the level never falls while open.
            warning.Level = Correlation.Raise(before, level);
            warning.LevelSince = now;
            if (map.Find(warning.UnitCode) is { } unit)
            {
                _notifications.Add(Notify.New(warning, NotificationKinds.Raised, unit, warning.ClaimedBy,
                    $"预警 {warning.Id} 升级为{RiskLevels.ChineseName(warning.Level)}，时限重新计算", now));
            }
            Log(warning, WarningEventKinds.LevelRaised, now, actor, new { from = RiskLevels.ToWire(before), to = RiskLevels.ToWire(warning.Level) });
        }
    }

    public static string SerializeReasons(Classification verdict) => JsonSerializer.Serialize(
        verdict.Reasons.Select(r => new { rule = r.RuleId, level = RiskLevels.ToWire(r.Level), signals = r.SignalIds, facts = r.Facts }),
        JsonSerializerOptions.Web);
}
