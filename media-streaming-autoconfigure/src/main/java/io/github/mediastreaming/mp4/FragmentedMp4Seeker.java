package io.github.mediastreaming.mp4;

import io.github.mediastreaming.body.MediaBody;
import io.github.mediastreaming.index.InvalidSeekException;
import io.github.mediastreaming.index.MediaSeeker;
import io.github.mediastreaming.index.SeekRequest;
import io.github.mediastreaming.index.SeekUnit;

/**
 * The seeker of a fragmented MP4 ({@code moov} with {@code mvex}, media in {@code moof}/{@code mdat}
 * pairs): it answers every {@code ?start=} with a client error that says why. Players seek such files
 * with Range requests on their fragments (or through a manifest); nginx answers 500 here.
 */
record FragmentedMp4Seeker() implements MediaSeeker {

	@Override
	public SeekUnit unit() {
		return SeekUnit.SECONDS;
	}

	@Override
	public SeekRequest canonical(SeekRequest request) throws InvalidSeekException {
		throw refusal();
	}

	@Override
	public MediaBody seek(SeekRequest request) throws InvalidSeekException {
		throw refusal();
	}

	private static InvalidSeekException refusal() {
		return new InvalidSeekException(
				"This is a fragmented MP4: it cannot be cut with 'start'; seek with Range requests instead");
	}

}
