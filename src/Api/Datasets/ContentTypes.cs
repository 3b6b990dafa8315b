using Microsoft.AspNetCore.StaticFiles;

namespace Platform.Api.Datasets;

public static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider Provider = new();

    public static string ForFile(string fileName) =>
        Provider.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
}
