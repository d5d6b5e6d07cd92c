import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_COUNT, ROOM_ID_PATTERN } from './limits';
import { PLATFORMS, type Platform } from './platform';

export const SQUAD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Squad id under which dashboards list rooms that send telemetry but belong to no squad. */
export const UNASSIGNED_SQUAD_ID = 'unassigned';

export class RosterRoom {
  @IsString()
  @Matches(ROOM_ID_PATTERN, { message: 'room_id must be 1-64 characters of A-Z, a-z, 0-9, _ . -' })
  room_id!: string;

  @IsIn(PLATFORMS, { message: `platform must be one of: ${PLATFORMS.join(', ')}` })
  platform!: Platform;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  display_name!: string;

  /** Tokens a room aims to earn per day; 0 means no goal. */
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  daily_goal_tokens!: number;
}

export class Squad {
  @IsString()
  @Matches(SQUAD_ID_PATTERN, { message: 'id must be 1-64 characters of A-Z, a-z, 0-9, _ -' })
  id!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RosterRoom)
  rooms!: RosterRoom[];
}

/** Body of `GET`/`PUT /api/roster`. Squad ids are unique; a room belongs to at most one squad. */
export class Roster {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => Squad)
  squads!: Squad[];
}
