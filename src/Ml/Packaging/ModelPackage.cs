using System.IO.Compression;
using System.Text.Json;

namespace Platform.Ml;

/// <summary>A trained model: manifest plus weights. Stored as a zip with manifest.json and weights.bin.</summary>
public sealed class ModelPackage(ModelManifest manifest, byte[] weights)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ModelManifest Manifest { get; } = manifest;

    public ReadOnlyMemory<byte> Weights { get; } = weights;

    public void WriteTo(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var manifestStream = zip.CreateEntry("manifest.json").Open())
        {
            JsonSerializer.Serialize(manifestStream, Manifest, Json);
        }

        using var weightStream = zip.CreateEntry("weights.bin", CompressionLevel.Fastest).Open();
        weightStream.Write(Weights.Span);
    }

    public static ModelPackage ReadFrom(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var manifestEntry = zip.GetEntry("manifest.json") ?? throw new InvalidDataException("manifest.json is missing.");
            var weightEntry = zip.GetEntry("weights.bin") ?? throw new InvalidDataException("weights.bin is missing.");
            ModelManifest manifest;
            using (var manifestStream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<ModelManifest>(manifestStream, Json)
                    ?? throw new InvalidDataException("manifest.json is empty.");
            }

            using var weightStream = weightEntry.Open();
            using var buffer = new MemoryStream();
            weightStream.CopyTo(buffer);
            return new ModelPackage(manifest, buffer.ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new MlValidationException("package", $"Not a model package: {e.Message}");
        }
    }
}
