using System.Globalization;
using System.Text;
using Forewarn.Engine.Indicators;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Contacts;
using Forewarn.Server.Features.Signals;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Demo;

/// <summary>
/// The demo's live stream, so the screens have life: every tick a sample of contact records from synthetic
/// residents (a few hit the synthetic blacklist), and now and then a transfer, an app install, a URL visit or a
/// clue from the national center. Sized from the public figures in ../shared/data/stats: Chongqing dissuades
/// about 5,000 people a day and 刷单返利 (task-rebate) is about a third of cases; the demo runs a few times
/// faster than that so something happens every few seconds. Turned off with <c>--simulate=false</c>.
/// </summary>
public sealed class Simulator(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Simulator> log) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private const int RecordsPerTick = 400;

    /// <summary>Fraud types weighted like Chongqing's 2023-H1 case mix (task-rebate about a third).</summary>
    private static readonly (string Type, int Weight)[] FraudTypes =
    [
        ("task_rebate", 33), ("fake_shopping", 14), ("fake_customer_service", 12), ("fake_investment", 10), ("fake_credit", 8),
        ("fake_loan", 8), ("fake_police", 5), ("fake_boss", 5), ("romance", 3), ("game_trading", 2),
    ];

    private sealed record Person(string Phone, string IdNumber, int Age, double Lat, double Lon);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random(7);
        List<Person> people;
        string[] phones, accounts, apps, urls;
        int clientId;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            people = await db.Residents.AsNoTracking().Select(r => new Person(r.Phone, r.IdNumber, r.Age, r.Lat, r.Lon)).ToListAsync(stoppingToken);
            var list = await db.Indicators.AsNoTracking().Where(i => i.Status != IndicatorStatus.Whitelisted).Select(i => new { i.Type, i.Value })
                .ToListAsync(stoppingToken);
            phones = [.. list.Where(i => i.Type == IndicatorType.Phone).Select(i => i.Value)];
            accounts = [.. list.Where(i => i.Type == IndicatorType.Account).Select(i => i.Value)];
            apps = [.. list.Where(i => i.Type == IndicatorType.App).Select(i => i.Value)];
            urls = [.. list.Where(i => i.Type == IndicatorType.Url).Select(i => i.Value)];
            clientId = await db.ApiClients.Where(c => c.Name == DemoSeed.ClientName).Select(c => c.Id).FirstAsync(stoppingToken);
        }
        if (people.Count == 0 || phones.Length == 0)
        {
            log.LogWarning("Simulator has no residents or blacklist to work with; not starting");
            return;
        }
        log.LogInformation("Simulator started: {People} residents, {Phones} blacklisted numbers", people.Count, phones.Length);
        var recent = new Queue<Person>();
        using var timer = new PeriodicTimer(Tick, clock);
        var sequence = 0L;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
                var csv = new StringBuilder("subscriber,counterparty,kind,at,durationSeconds\n");
                for (var i = 0; i < RecordsPerTick; i++)
                {
                    var person = people[random.Next(people.Count)];
                    var hit = random.Next(1000) < 3;
                    if (hit)
                    {
                        recent.Enqueue(person);
                        if (recent.Count > 50)
                        {
                            recent.Dequeue();
                        }
                    }
                    var counterparty = hit ? phones[random.Next(phones.Length)] : "1" + random.Next(3, 10) + random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
                    var sms = random.Next(4) == 0;
                    var duration = sms ? 0 : hit && random.Next(3) == 0 ? random.Next(180, 1500) : random.Next(5, 170);
                    csv.Append(CultureInfo.InvariantCulture, $"{person.Phone},{counterparty},{(sms ? "sms" : "call")},{now.AddSeconds(-random.Next(60)):yyyy-MM-ddTHH:mm:sszzz},{duration}\n");
                }
                var scan = scope.ServiceProvider.GetRequiredService<ContactScan>();
                await scan.RunAsync(System.IO.Pipelines.PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()))), csv: true, clientId, "simulator", null, stoppingToken);

                var extra = new List<RawItem>();
                if (recent.Count > 0 && random.Next(100) < 12)
                {
                    var victim = recent.ElementAt(random.Next(recent.Count));
                    var signal = random.Next(4) switch
                    {
                        0 => Item(victim, "transfer", new CounterpartyItem(null, accounts.Length > 0 ? accounts[random.Next(accounts.Length)] : "6222020200112233445", null, null, null, null, null), amount: random.Next(500, 80_000)),
                        1 when apps.Length > 0 => Item(victim, "app_install", new CounterpartyItem(null, null, null, null, apps[random.Next(apps.Length)], null, null)),
                        2 when urls.Length > 0 => Item(victim, "url_visit", new CounterpartyItem(null, null, urls[random.Next(urls.Length)], null, null, null, null)),
                        _ => Item(victim, "transfer", new CounterpartyItem(null, "6217" + random.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture), null, null, null, null, null), amount: random.Next(100, 20_000)),
                    };
                    extra.Add(signal);
                }
                if (random.Next(100) < 4)
                {
                    var person = people[random.Next(people.Count)];
                    var level = random.Next(10) switch { 0 => "special", < 4 => "high", < 8 => "medium", _ => "low" };
                    extra.Add(Item(person, "clue", null, level: level));
                }
                if (extra.Count > 0)
                {
                    await scope.ServiceProvider.GetRequiredService<SignalIntake>().IngestAsync(clientId, "simulator", extra, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Simulator tick failed");
            }
        }

        RawItem Item(Person p, string type, CounterpartyItem? counterparty, decimal? amount = null, string? level = null)
        {
            var fraudType = Pick(random);
            var item = new SignalItem($"sim-{Environment.ProcessId}-{++sequence}", type, clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("O", CultureInfo.InvariantCulture),
                new SubjectItem(p.Phone, null, p.IdNumber, p.Age, random.Next(3) == 0 ? null : p.Lat, null, null, null) is var s && s.Lat is null ? s : s with { Lon = p.Lon },
                counterparty, null, amount, level, null, fraudType, null);
            return new RawItem(item, "", null);
        }
    }

    private static string Pick(Random random)
    {
        var roll = random.Next(FraudTypes.Sum(f => f.Weight));
        foreach (var (type, weight) in FraudTypes)
        {
            if ((roll -= weight) < 0)
            {
                return type;
            }
        }
        return FraudTypes[0].Type;
    }
}
