using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Features.Signals;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// The JetStream stream that carries accepted signals from web processes to workers (DESIGN §9, many machines).
/// A signal goes to the partition of its subject, so one person's signals are correlated in the order they came.
/// </summary>
public sealed class SignalBus(IOptions<NatsOptions> options, ILogger<SignalBus> log) : IAsyncDisposable
{
    public const string ClientHeader = "Forewarn-Client";
    public const string ActorHeader = "Forewarn-Actor";

    private readonly NatsOptions _options = options.Value;
    private readonly SemaphoreSlim _ready = new(1, 1);
    private NatsConnection? _connection;
    private NatsJSContext? _js;

    public NatsOptions Options => _options;

    public bool Connected => _connection?.ConnectionState == NatsConnectionState.Open;

    /// <summary>Partition of a subject: the subject phone's keyed lookup hash (already uniform) modulo the partition count.</summary>
    public static int PartitionOf(string subjectKey, int partitions) =>
        (int)(BinaryPrimitives.ReadUInt32BigEndian(Convert.FromHexString(subjectKey.AsSpan(0, 8))) % (uint)partitions);

    public string SubjectOf(int partition) => _options.Subject + "." + partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>The connection and the stream, made on first use (so a process without NATS never connects).</summary>
    public async Task<NatsJSContext> JetStreamAsync(CancellationToken ct)
    {
        if (_js is { } js)
        {
            return js;
        }
        await _ready.WaitAsync(ct);
        try
        {
            if (_js is null)
            {
                _connection ??= new NatsConnection(new NatsOpts
                {
                    Url = _options.Url!,
                    Name = "forewarn-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                    MaxReconnectRetry = -1,
                });
                await _connection.ConnectAsync();
                var context = new NatsJSContext(_connection);
                await context.CreateOrUpdateStreamAsync(new StreamConfig(_options.Stream, [_options.Subject + ".>"])
                {
                    Storage = StreamConfigStorage.File,
                    NumReplicas = _options.Replicas,
                    DuplicateWindow = TimeSpan.FromMinutes(_options.DuplicateWindowMinutes),
                    Retention = StreamConfigRetention.Limits,
                    MaxAge = TimeSpan.FromDays(7),
                }, ct);
                log.LogInformation("JetStream stream {Stream} ready on {Url} ({Partitions} partitions, {Replicas} replicas)",
                    _options.Stream, _options.Url, _options.Partitions, _options.Replicas);
                _js = context;
            }
            return _js;
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <summary>
    /// Publishes one accepted item and waits for JetStream's acknowledgement (stored on the stream's replicas).
    /// True if JetStream already held a message with this id (a replay within the duplicate window).
    /// </summary>
    public async Task<bool> PublishAsync(int clientId, string actor, string subjectKey, SignalItem item, CancellationToken ct)
    {
        var js = await JetStreamAsync(ct);
        var headers = new NatsHeaders
        {
            [ClientHeader] = clientId.ToString(CultureInfo.InvariantCulture),
            [ActorHeader] = actor,
        };
        var data = JsonSerializer.SerializeToUtf8Bytes(item, IngestSignals.Json);
        var ack = await js.PublishAsync(SubjectOf(PartitionOf(subjectKey, _options.Partitions)), data,
            opts: new NatsJSPubOpts { MsgId = MessageId(clientId, item.ExternalId!) }, headers: headers, cancellationToken: ct);
        // A replay is an answer, not an error (EnsureSuccess throws on it).
        if (ack.Duplicate)
        {
            return true;
        }
        ack.EnsureSuccess();
        return false;
    }

    /// <summary>JetStream's de-duplication key: the same (client, external id) the database's unique index uses.</summary>
    public static string MessageId(int clientId, string externalId) => clientId.ToString(CultureInfo.InvariantCulture) + ":" + externalId;

    /// <summary>Reads back what <see cref="PublishAsync"/> wrote.</summary>
    public static (int ClientId, string Actor, RawItem Item)? Read(NatsHeaders? headers, byte[]? data)
    {
        if (headers is null || data is null || !headers.TryGetValue(ClientHeader, out var client) || !headers.TryGetValue(ActorHeader, out var actor)
            || !int.TryParse(client.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var clientId))
        {
            return null;
        }
        try
        {
            var item = JsonSerializer.Deserialize<SignalItem>(data, IngestSignals.Json);
            return (clientId, actor.ToString(), new RawItem(item, Encoding.UTF8.GetString(data), null));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _ready.Dispose();
    }
}
