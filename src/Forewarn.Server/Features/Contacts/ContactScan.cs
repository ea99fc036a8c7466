using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forewarn.Engine.Contacts;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Quarantine;
using Forewarn.Server.Features.Scale;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Territory;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Contacts;

/// <summary>One "A was in contact with B" record (12381-style victim discovery).</summary>
public sealed record ContactRecord(string? Subscriber, string? Counterparty, string? Kind, string? At, int? DurationSeconds);

/// <summary>
/// Streams contact records, matches each counterparty against the in-memory blacklist, and turns only the
/// hits into signals through the one intake (with NATS: published to JetStream for the workers, docs/scale.md). Replays are harmless: a hit's external id is derived from the
/// record itself. Rejected records are kept for review.
/// </summary>
public sealed class ContactScan(SignalIntake intake, BlacklistHolder blacklist, AppDbContext db, IOptions<TerritoryOptions> territory, TimeProvider clock,
    SignalBus bus, IServiceProvider services)
{
    private readonly BlacklistHolder blacklist = blacklist;
    private readonly TimeProvider clock = clock;

    public sealed record Counts(long Received, long Matched, long Signals, long Duplicates, long Rejected);

    private const int HitBatch = 500;
    private const int QuarantineBatch = 1_000;

    /// <summary>Reads <paramref name="body"/> (UTF-8, CSV with a header or NDJSON) to its end; answers with the counts.</summary>
    public async Task<Counts> RunAsync(PipeReader body, bool csv, int clientId, string actor, IProgress<long>? progress, CancellationToken ct)
    {
        var run = new Run(this, csv, clientId, Unit.PathOf(null, territory.Value.CityCode));
        // In process, one batch of hits is committed while the next records are read; the answer waits for both.
        Task<List<ItemResult>>? committing = null;
        while (true)
        {
            var read = await body.ReadAsync(ct);
            var buffer = read.Buffer;
            var full = run.ReadLines(ref buffer, read.IsCompleted);
            // Stopped at a full batch, the lines left are not examined yet: the next read must return them at once.
            body.AdvanceTo(buffer.Start, full ? buffer.Start : buffer.End);
            if (run.Hits.Count >= HitBatch || (read.IsCompleted && !full && run.Hits.Count > 0))
            {
                if (committing is not null)
                {
                    run.Add(await committing);
                }
                if (bus.Options.Enabled)
                {
                    // With NATS (DESIGN §9) the hits go to the workers like any accepted signal, each acknowledged by
                    // JetStream before the answer; the publisher shares this request's context, so it is awaited here.
                    run.Add(await services.GetRequiredService<SignalPublisher>().PublishAsync(clientId, actor, run.Hits, ct));
                }
                else
                {
                    committing = intake.IngestAsync(clientId, actor, run.Hits, ct);
                }
                run.Hits = [];
                run.List = blacklist.Current;
            }
            if (run.Bad.Count >= QuarantineBatch)
            {
                await SaveQuarantineAsync(run.Bad, ct);
            }
            if (run.Received - run.Reported >= 100_000)
            {
                progress?.Report(run.Reported = run.Received);
            }
            if (read.IsCompleted && !full)
            {
                break;
            }
        }
        if (committing is not null)
        {
            run.Add(await committing);
        }
        await SaveQuarantineAsync(run.Bad, ct);
        progress?.Report(run.Received);
        return new Counts(run.Received, run.Matched, run.Signals, run.Duplicates, run.Rejected);
    }

    /// <summary>One scan's state: lines are read synchronously between awaits, so spans never cross one.</summary>
    private sealed class Run(ContactScan scan, bool csv, int clientId, string cityPath)
    {
        private readonly TimeProvider _clock = scan.clock;

        public List<RawItem> Hits { get; set; } = [];
        public List<QuarantinedItem> Bad { get; } = [];
        public Blacklist List { get; set; } = scan.blacklist.Current;
        public long Received { get; private set; }
        public long Matched { get; private set; }
        public long Rejected { get; private set; }
        public long Signals { get; private set; }
        public long Duplicates { get; private set; }
        public long Reported { get; set; }
        private long _lineNumber;
        private int[]? _columns;
        private ContactLine.Columns _fast;

        /// <summary>Reads the whole lines in <paramref name="buffer"/>; true if it stopped early because a batch is full.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool ReadLines(ref ReadOnlySequence<byte> buffer, bool last)
        {
            var reader = new SequenceReader<byte>(buffer);
            Span<char> counterparty = stackalloc char[20];
            while (Hits.Count < HitBatch && Bad.Count < QuarantineBatch)
            {
                ReadOnlySpan<byte> line;
                if (!reader.TryReadTo(out line, (byte)'\n'))
                {
                    if (!last || reader.End)
                    {
                        break;
                    }
                    line = reader.UnreadSequence.IsSingleSegment ? reader.UnreadSpan : reader.UnreadSequence.ToArray();
                    reader.AdvanceToEnd();
                }
                if (line.EndsWith("\r"u8))
                {
                    line = line[..^1];
                }
                if (_lineNumber++ == 0 && line.StartsWith(Bom))
                {
                    line = line[Bom.Length..];
                }
                if (line.IsEmpty)
                {
                    continue;
                }
                if (csv && _columns is null)
                {
                    Header(line);
                    continue;
                }
                Received++;
                if (csv && ContactLine.TryRead(line, _fast, counterparty, out var length))
                {
                    if (List.IsBlacklistedPhone(counterparty[..length]))
                    {
                        Matched++;
                        var text = Encoding.UTF8.GetString(line);
                        Hits.Add(ToSignal(FromCsv(text, _columns!)!, text));
                    }
                    continue;
                }
                Line(Encoding.UTF8.GetString(line));
            }
            buffer = buffer.Slice(reader.Position);
            return Hits.Count >= HitBatch || Bad.Count >= QuarantineBatch;
        }

        private void Header(ReadOnlySpan<byte> line)
        {
            _columns = ColumnsOf(Encoding.UTF8.GetString(line)) ?? throw new InvalidDataException(L.T(
                "CSV 第一行应为表头 subscriber,counterparty,kind,at,durationSeconds",
                "The first CSV line must be the header subscriber,counterparty,kind,at,durationSeconds"));
            _fast = new ContactLine.Columns(_columns[0], _columns[1], _columns[2], _columns[3], _columns[4]);
        }

        /// <summary>The general path: any form the validators accept, and a reason for every rejection.</summary>
        private void Line(string line)
        {
            var record = csv ? FromCsv(line, _columns!) : FromJson(line);
            var error = record is null ? "format" : Check(record);
            if (error is not null)
            {
                Rejected++;
                Bad.Add(new QuarantinedItem
                {
                    Kind = QuarantineKind.Contact,
                    ClientId = clientId,
                    Payload = line.Length > 2000 ? line[..2000] : line,
                    Errors = JsonSerializer.Serialize(new[] { new ItemError("", error, L.T($"第 {_lineNumber} 行无效（{error}）", $"line {_lineNumber} is invalid ({error})")) },
                        JsonSerializerOptions.Web),
                    ReceivedAt = _clock.GetUtcNow().UtcDateTime,
                    Status = QuarantineStatus.Pending,
                    UnitPath = cityPath,
                });
                return;
            }
            if (IsHit(List, record!.Counterparty!))
            {
                Matched++;
                Hits.Add(ToSignal(record, line));
            }
        }

        public void Add(List<ItemResult> results)
        {
            Signals += results.Count(r => r.Status == SignalIntake.Accepted);
            Duplicates += results.Count(r => r.Status == SignalIntake.Duplicate);
        }
    }

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private async Task SaveQuarantineAsync(List<QuarantinedItem> bad, CancellationToken ct)
    {
        if (bad.Count == 0)
        {
            return;
        }
        db.ChangeTracker.Clear();
        db.Quarantine.AddRange(bad);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        bad.Clear();
    }

    /// <summary>The hot path: digits-only numbers (the usual case) are matched without allocating.</summary>
    private static bool IsHit(Blacklist list, string counterparty)
    {
        var span = counterparty.AsSpan();
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return PhoneNumber.TryParse(counterparty, out var phone) && list.TryMatch(IndicatorType.Phone, phone.Value, out _);
            }
        }
        return list.IsBlacklistedPhone(span);
    }

    private static string? Check(ContactRecord r)
    {
        if (string.IsNullOrEmpty(r.Subscriber) || string.IsNullOrEmpty(r.Counterparty) || string.IsNullOrEmpty(r.At))
        {
            return "missing";
        }
        if (r.Kind is not ("call" or "sms"))
        {
            return "kind";
        }
        if (r.DurationSeconds is < 0 or > 86_400)
        {
            return "duration";
        }
        if (!SignalValidation.TryParseTime(r.At, out _))
        {
            return "time";
        }
        return PhoneNumber.TryParse(r.Subscriber, out var subscriber) && subscriber.Kind != PhoneKind.Service ? null : "subscriber";
    }

    private static RawItem ToSignal(ContactRecord r, string line)
    {
        // Same record, same id: a re-sent file is acknowledged as duplicates, not counted twice.
        var id = "contact-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{r.Subscriber}|{r.Counterparty}|{r.Kind}|{r.At}|{r.DurationSeconds}")))[..32];
        var item = new SignalItem(id, r.Kind, r.At, new SubjectItem(r.Subscriber, null, null, null, null, null, null, null),
            new CounterpartyItem(r.Counterparty, null, null, null, null, null, null), r.DurationSeconds, null, null, null, null, null);
        return new RawItem(item, line, null);
    }

    private static readonly string[] Header = ["subscriber", "counterparty", "kind", "at", "durationseconds"];

    private static int[]? ColumnsOf(string header)
    {
        var names = header.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = Header.Select(h => Array.IndexOf(names, h)).ToArray();
        return columns[..4].Any(c => c < 0) ? null : columns;
    }

    private static ContactRecord? FromCsv(string line, int[] columns)
    {
        var fields = line.Contains('"', StringComparison.Ordinal) ? Engine.Csv.Split(line) : [.. line.Split(',')];
        if (fields is null)
        {
            return null;
        }
        string? Field(int column) => column >= 0 && column < fields.Count ? fields[column].Trim() : null;
        int? duration = null;
        if (Field(columns[4]) is { Length: > 0 } d)
        {
            if (!int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            duration = value;
        }
        return new ContactRecord(Field(columns[0]), Field(columns[1]), Field(columns[2]), Field(columns[3]), duration);
    }

    private static ContactRecord? FromJson(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ContactRecord>(line, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
