namespace Platform.Datasets.Images;

/// <summary>An image's size in pixels and its encoded format in lower case ("jpeg", "png", "webp", "gif"...).</summary>
public sealed record ImageInfo(int Width, int Height, string Format);

/// <summary>The file is not a readable image; the message says why, for the user.</summary>
public sealed class ImageDecodeException(string message) : Exception(message);
