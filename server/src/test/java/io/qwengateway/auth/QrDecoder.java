package io.qwengateway.auth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads QR codes back with zxing's reader, as a phone would: from a PNG, and from the half-block text drawn in a
 * terminal (each character is two modules, one above the other; a drawn half is a light module).
 */
public final class QrDecoder {

    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;
    /** Screen pixels per module when the terminal text is turned back into an image. */
    private static final int PIXELS_PER_MODULE = 4;

    private QrDecoder() {
    }

    public static String decodePng(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            return decode(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param text the QR lines only, each the same width */
    public static String decodeHalfBlocks(String text) {
        boolean[][] light = lightModules(text.lines().toList());
        int height = light.length * PIXELS_PER_MODULE;
        int width = light[0].length * PIXELS_PER_MODULE;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = light[y / PIXELS_PER_MODULE][x / PIXELS_PER_MODULE] ? WHITE : BLACK;
            }
        }
        return decode(new RGBLuminanceSource(width, height, pixels));
    }

    /** Module rows: two per line of text. */
    static boolean[][] lightModules(List<String> lines) {
        int width = lines.get(0).length();
        boolean[][] light = new boolean[lines.size() * 2][width];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            for (int x = 0; x < width; x++) {
                char c = line.charAt(x);
                light[2 * row][x] = c == '█' || c == '▀';
                light[2 * row + 1][x] = c == '█' || c == '▄';
            }
        }
        return light;
    }

    private static String decode(LuminanceSource source) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found", e);
        } catch (ReaderException e) {
            throw new AssertionError("the QR code does not decode", e);
        }
    }
}
