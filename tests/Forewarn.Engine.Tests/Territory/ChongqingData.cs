using Forewarn.Engine.Territory;

namespace Forewarn.Engine.Tests.Territory;

/// <summary>The real Chongqing reference data the test project copies to its output folder.</summary>
internal static class ChongqingData
{
    private static readonly Lazy<IReadOnlyList<DistrictFeature>> LazyDistricts = new(() =>
    {
        using var stream = File.OpenRead(PathOf("districts.geojson"));
        return BoundaryFile.Read(stream);
    });

    private static readonly Lazy<TerritoryIndex> LazyDistrictIndex = new(() =>
        new TerritoryIndex(Districts.Select(d => (d.Code, UnitLevel.District, d.Boundary))));

    public static IReadOnlyList<DistrictFeature> Districts => LazyDistricts.Value;

    public static TerritoryIndex DistrictIndex => LazyDistrictIndex.Value;

    public static string PathOf(string file) =>
        Path.Combine(AppContext.BaseDirectory, "data", "territory", "chongqing", file);
}
