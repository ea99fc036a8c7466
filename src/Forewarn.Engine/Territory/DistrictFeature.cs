using NetTopologySuite.Geometries;

namespace Forewarn.Engine.Territory;

/// <summary>
/// A district or county (区县) read from a boundary file: its GB/T 2260 code, name, label point
/// (<c>center</c>, usually the seat of government), area centroid and boundary. Coordinates are WGS 84
/// longitude/latitude; the boundary's X is longitude and Y latitude.
/// </summary>
/// <param name="Code">The six-digit admin code, e.g. <c>500112</c>.</param>
/// <param name="Name">The name, e.g. 渝北区.</param>
/// <param name="CenterLon">Longitude of the label point.</param>
/// <param name="CenterLat">Latitude of the label point.</param>
/// <param name="CentroidLon">Longitude of the centroid (may lie outside a concave boundary).</param>
/// <param name="CentroidLat">Latitude of the centroid.</param>
/// <param name="Boundary">A valid, non-empty polygon or multipolygon.</param>
public sealed record DistrictFeature(
    string Code,
    string Name,
    double CenterLon,
    double CenterLat,
    double CentroidLon,
    double CentroidLat,
    Geometry Boundary);
