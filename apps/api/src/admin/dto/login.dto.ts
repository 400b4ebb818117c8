import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @IsString() @IsNotEmpty({ message: 'key must be an API key' }) @MaxLength(256) key!: string;
}
