using System.Globalization;
using System.Security.Cryptography;
using Forewarn.Engine;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Engine.Indicators;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;

namespace Forewarn.Server.Features.Demo;

/// <summary>
/// Seeds the demo city: the real Chongqing districts and streets shipped under <c>data/</c>, one account per
/// role, one source client and synthetic residents. Idempotent, so tests can share one seeded database.
/// </summary>
public static class DemoSeed
{
    public const string ClientName = "demo-operator";

    /// <summary>The demo accounts: username, role, unit.</summary>
    public static readonly (string User, string Name, string Role, string Unit)[] Accounts =
    [
        ("city.analyst", "市反诈中心 王分析", Roles.CityAnalyst, "500000"),
        ("yubei.dispatcher", "渝北区反诈中心 李调度", Roles.DistrictDispatcher, "500112"),
        ("longxi.officer", "龙溪派出所 张民警", Roles.StationOfficer, "500112011"),
        ("longxi.grid", "龙溪街道第1网格 陈网格员", Roles.GridWorker, "500112011001"),
        ("yuzhong.dispatcher", "渝中区反诈中心 刘调度", Roles.DistrictDispatcher, "500103"),
        ("jiefangbei.officer", "解放碑派出所 赵民警", Roles.StationOfficer, "500103003"),
        ("system.admin", "系统管理员", Roles.SystemAdmin, "500000"),
        ("security.admin", "安全管理员", Roles.SecurityAdmin, "500000"),
        ("audit.admin", "审计管理员", Roles.AuditAdmin, "500000"),
    ];

    public sealed record Options(string Password, string ApiKey, int ResidentsPerGrid, int BlacklistedPhones = 0);

    public static Options FromEnvironment(int residentsPerGrid) => new(
        Environment.GetEnvironmentVariable("FOREWARN_DEMO_PASSWORD") is { Length: > 0 } password ? password : MakePassword(),
        Environment.GetEnvironmentVariable("FOREWARN_DEMO_API_KEY") is { Length: > 0 } key ? key : ApiClient.NewKey(),
        residentsPerGrid, BlacklistedPhones: 3_000);

    public static async Task RunAsync(IServiceProvider services, Options options, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var territory = sp.GetRequiredService<IOptions<TerritoryOptions>>().Value;

        if (!await db.Units.IgnoreQueryFilters().AnyAsync(ct))
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "data", "territory", "chongqing");
            await using (var geo = File.OpenRead(Path.Combine(folder, "districts.geojson")))
            {
                await ImportBoundaries.RunAsync(db, territory, geo, ct);
            }
            using var streets = new StreamReader(Path.Combine(folder, "streets.csv"));
            await ImportStreets.RunAsync(db, territory, streets, ct);
            db.ChangeTracker.Clear();
        }

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, display, role, unitCode) in Accounts)
        {
            var existing = await users.FindByNameAsync(name);
            if (existing is not null)
            {
                continue;
            }
            var unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Code == unitCode, ct);
            var user = new AppUser { UserName = name, DisplayName = display, UnitCode = unit.Code, UnitPath = unit.UnitPath, IsDemo = true };
            Check(await users.CreateAsync(user, options.Password), name);
            Check(await users.AddToRoleAsync(user, role), name);
        }

        if (!await db.ApiClients.AnyAsync(c => c.Name == ClientName, ct))
        {
            db.ApiClients.Add(new ApiClient
            {
                Name = ClientName,
                KeyHash = ApiClient.Hash(options.ApiKey),
                Scopes = "signals contacts indicators receive:payment_stop receive:freeze receive:line_cut receive:number_shutdown",
                CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
        }

        if (options.ResidentsPerGrid > 0 && !await db.Residents.IgnoreQueryFilters().AnyAsync(ct))
        {
            await SeedResidentsAsync(db, sp.GetRequiredService<LookupHasher>(), options.ResidentsPerGrid, ct);
        }
        if (options.BlacklistedPhones > 0 && !await db.Indicators.AnyAsync(ct))
        {
            await SeedIndicatorsAsync(db, options.BlacklistedPhones, sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
            sp.GetRequiredService<BlacklistHolder>().MarkDirty();
        }
        await sp.GetRequiredService<TerritoryResolver>().ReloadAsync(ct);
    }

    private static void Check(IdentityResult result, string user)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create demo user {user}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>A password that satisfies the policy: 16 characters with upper, lower and digits.</summary>
    public static string MakePassword() =>
        "Fw-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "9a";

    private static readonly string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢谭陆汪范金石廖贾夏付方白邹熊秦江尹段雷侯龙陶黎贺顾毛向汤冉";
    private static readonly string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志文红梅玉海燕鑫宇浩然子涵欣怡俊杰思雨诗琪博文晓东春林德福淑珍";
    private static readonly string[] MobilePrefixes = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "177", "178", "180", "181", "182", "183", "187", "188", "189", "191", "199"];

    private static async Task SeedResidentsAsync(AppDbContext db, LookupHasher hasher, int perGrid, CancellationToken ct)
    {
        var grids = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Level == UnitLevel.Grid)
            .Select(u => new { u.Code, u.UnitPath, u.Boundary }).ToListAsync(ct);
        var random = new Random(20261129);
        var reader = new WKBReader();
        var today = new DateOnly(2026, 11, 29);
        var sequence = 0;
        foreach (var grid in grids)
        {
            var boundary = reader.Read(grid.Boundary!);
            var prepared = PreparedGeometryFactory.Prepare(boundary);
            var envelope = boundary.EnvelopeInternal;
            for (var i = 0; i < perGrid; i++)
            {
                var point = boundary.InteriorPoint;
                for (var tries = 0; tries < 50; tries++)
                {
                    var candidate = boundary.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(
                        envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height));
                    if (prepared.Contains(candidate))
                    {
                        point = candidate;
                        break;
                    }
                }
                // Age skews older than the city's average on purpose: the people centers most worry about.
                var age = random.Next(100) < 30 ? random.Next(60, 90) : random.Next(18, 60);
                var birth = today.AddYears(-age).AddDays(-random.Next(0, 365));
                var name = string.Concat(Surnames[random.Next(Surnames.Length)], Given[random.Next(Given.Length)],
                    random.Next(2) == 0 ? Given[random.Next(Given.Length)].ToString() : "");
                var phone = MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                db.Residents.Add(new Resident
                {
                    Name = name,
                    Phone = phone,
                    IdNumber = IdNumber.Create(grid.Code[..6], birth, ++sequence % 1000).Value,
                    Age = age,
                    BornOn = birth.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    PhoneKey = hasher.Hash("phone", phone),
                    GridCode = grid.Code,
                    UnitPath = grid.UnitPath,
                    Lat = point.Y,
                    Lon = point.X,
                });
            }
            if (db.ChangeTracker.Entries().Count() > 5_000)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A synthetic blacklist (no public list of scam numbers exists): virtual-operator numbers (162/165/167/170/171,
    /// the ranges fraud calls favour), bank cards, URLs and app ids, with a few whitelisted official numbers.
    /// </summary>
    private static async Task SeedIndicatorsAsync(AppDbContext db, int phones, DateTime now, CancellationToken ct)
    {
        var random = new Random(96110);
        string[] prefixes = ["162", "165", "167", "170", "171"];
        var values = new HashSet<(IndicatorType, string)>();
        while (values.Count < phones)
        {
            values.Add((IndicatorType.Phone, prefixes[random.Next(prefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)));
        }
        for (var i = 0; i < phones / 6; i++)
        {
            values.Add((IndicatorType.Account, BankCard.Create("621700", 19, random).Value));
        }
        string[] words = ["jd-refund", "tb-kefu", "zhengxin-fix", "licai-vip", "daikuan-quick", "game-trade", "shuadan-task", "gjj-check"];
        string[] tlds = ["com", "net", "top", "xyz", "cc"];
        for (var i = 0; i < phones / 20; i++)
        {
            values.Add((IndicatorType.Url, $"http://{words[random.Next(words.Length)]}{random.Next(1000)}.{tlds[random.Next(tlds.Length)]}/login"));
            values.Add((IndicatorType.App, $"com.{words[random.Next(words.Length)].Replace('-', '.')}{random.Next(100)}"));
        }
        foreach (var (type, value) in values)
        {
            db.Indicators.Add(new Indicator
            {
                Type = type, Value = value, Status = random.Next(4) == 0 ? IndicatorStatus.Suspected : IndicatorStatus.Confirmed,
                Source = "demo", Confidence = Math.Round(0.6 + random.NextDouble() * 0.4, 2), FirstSeenAt = now, LastSeenAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
