package io.qwengateway.tokens;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The tokens of one image part as Qwen's vision models bill them: the image is scaled (aspect kept) so that its
 * {@code patch}-pixel squares number between the minimum and the maximum, one token per square, plus the two tokens
 * that open and close it (Qwen2.5-VL's {@code smart_resize}). The size of a data-URL image is read from its header
 * with the JDK's ImageIO (PNG, JPEG, GIF, BMP), decoding no pixels; other images count a configured flat figure.
 */
final class ImageTokens {

    /** Enough of a data URL for any header (a JPEG's size marker may follow tens of kilobytes of EXIF). */
    private static final int HEADER_CHARS = 512 * 1024;
    private static final int FRAMING_TOKENS = 2;

    private final TokenProperties.Images settings;

    ImageTokens(TokenProperties.Images settings) {
        this.settings = settings;
    }

    long of(String url, boolean highResolution) {
        int[] size = url == null ? null : sizeOf(url);
        if (size == null) {
            return settings.unknownSizeTokens();
        }
        return tokens(size[0], size[1], highResolution ? settings.maxTokensHighResolution() : settings.maxTokens());
    }

    long tokens(int width, int height, int maxTokens) {
        double patch = settings.patchSize();
        double maxPixels = (double) maxTokens * patch * patch;
        double minPixels = (double) settings.minTokens() * patch * patch;
        double w = Math.max(patch, Math.round(width / patch) * patch);
        double h = Math.max(patch, Math.round(height / patch) * patch);
        if (w * h > maxPixels) {
            double beta = Math.sqrt((double) width * height / maxPixels);
            w = Math.max(patch, Math.floor(width / beta / patch) * patch);
            h = Math.max(patch, Math.floor(height / beta / patch) * patch);
        } else if (w * h < minPixels) {
            double beta = Math.sqrt(minPixels / ((double) width * height));
            w = Math.ceil(width * beta / patch) * patch;
            h = Math.ceil(height * beta / patch) * patch;
        }
        return (long) (w / patch) * (long) (h / patch) + FRAMING_TOKENS;
    }

    /** Width and height of a base64 data URL's image; null when unknown. */
    private static int[] sizeOf(String url) {
        if (!url.startsWith("data:")) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            return null;
        }
        int end = Math.min(url.length(), comma + 1 + HEADER_CHARS);
        end -= (end - comma - 1) % 4; // whole base64 quads only
        byte[] header;
        try {
            header = Base64.getMimeDecoder().decode(url.substring(comma + 1, end).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(header))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] { reader.getWidth(0), reader.getHeight(0) };
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
