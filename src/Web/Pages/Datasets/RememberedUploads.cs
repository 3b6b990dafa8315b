using System.Globalization;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>
/// An unfinished upload the portal remembers for a file: its id, and the SHA-256 it was created with (null for an entry
/// stored before uploads declared one: the server cannot verify that upload).
/// </summary>
public sealed record RememberedUpload(Guid Id, string? Sha256)
{
    /// <summary>"id:sha256", or the id alone as stored before; anything else gives null.</summary>
    public static RememberedUpload? Parse(string? value)
    {
        if (value is null) return null;
        var parts = value.Split(':');
        if (!Guid.TryParse(parts[0], out var id)) return null;
        if (parts.Length == 1) return new RememberedUpload(id, null);
        return parts.Length == 2 && IsSha256(parts[1]) ? new RememberedUpload(id, parts[1].ToLowerInvariant()) : null;
    }

    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    public override string ToString() => $"{Id:D}:{Sha256}";
}

/// <summary>
/// Unfinished uploads kept in localStorage under the workspace and the file's name, size and modification time, so
/// picking the same file again, even after the browser was closed, resumes it without reading it twice.
/// </summary>
public sealed class RememberedUploads(LocalStore store, Guid workspaceId)
{
    private const string KeyPrefix = "platform.upload.";

    public async Task<RememberedUpload?> GetAsync(PickedFile file) => RememberedUpload.Parse(await store.GetAsync(Key(file)));

    public Task SetAsync(PickedFile file, RememberedUpload upload) => store.SetAsync(Key(file), upload.ToString());

    public Task ForgetAsync(PickedFile file) => store.SetAsync(Key(file), null);

    private string Key(PickedFile file) =>
        $"{KeyPrefix}{workspaceId}.{file.Size.ToString(CultureInfo.InvariantCulture)}.{file.LastModified.ToString(CultureInfo.InvariantCulture)}.{file.Name}";
}
