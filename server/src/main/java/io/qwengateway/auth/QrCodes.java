package io.qwengateway.auth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes of a login's {@code verification_uri_complete}, for a phone to scan: as a PNG, and as text for a terminal.
 *
 * <p>In the text, each character stands for two modules, one above the other, drawn with the half blocks
 * {@code ▀ ▄ █} and spaces. Light modules, the quiet zone included, are the drawn ones: a terminal draws characters
 * in its light foreground on a dark background, so the code reads right on a dark terminal; on a light one the command
 * line sets the colours (see {@code TerminalLogin}), and phone scanners also read the inverted code.
 */
@Component
public class QrCodes {

    private static final int DARK = 0x000000;
    private static final int LIGHT = 0xFFFFFF;

    private final LoginProperties.Qr settings;

    public QrCodes(LoginProperties properties) {
        this.settings = properties.qr();
    }

    /** The modules, quiet zone included; {@code true} is dark. */
    public BitMatrix modules(String text) {
        try {
            // Size 0 asks zxing for one pixel per module, which is what both renderings scale from.
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, settings.quietZone(),
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode a QR code of " + text.length() + " characters", e);
        }
    }

    public byte[] png(String text) {
        BitMatrix modules = modules(text);
        int scale = settings.pngModulePixels();
        BufferedImage image = new BufferedImage(modules.getWidth() * scale, modules.getHeight() * scale,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, modules.get(x / scale, y / scale) ? DARK : LIGHT);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a PNG in memory", e);
        }
        return out.toByteArray();
    }

    /** Lines of half blocks, two module rows per line; the last, odd row is paired with a light one. */
    public String halfBlocks(String text) {
        BitMatrix modules = modules(text);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < modules.getHeight(); y += 2) {
            for (int x = 0; x < modules.getWidth(); x++) {
                boolean topLight = !modules.get(x, y);
                boolean bottomLight = y + 1 >= modules.getHeight() || !modules.get(x, y + 1);
                out.append(halfBlock(topLight, bottomLight));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static char halfBlock(boolean topLight, boolean bottomLight) {
        if (topLight) {
            return bottomLight ? '█' : '▀';
        }
        return bottomLight ? '▄' : ' ';
    }
}
